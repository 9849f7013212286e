#!/usr/bin/env bash
# Creates .venv (gitignored) with the OpenStack clients the compatibility scripts drive.
# Idempotent: does nothing when .venv already holds exactly these pins.
# Override the location with STRATUS_VENV.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
venv=${STRATUS_VENV:-$root/.venv}

# The client versions shared/reference/openstack-api.md was traced with.
pins=(
    python-openstackclient==10.5.0
    openstacksdk==4.22.0
    tempest==47.0.0
    # `openstack secret store|get|delete`: the key manager that image signatures use.
    python-barbicanclient==7.6.0
)
stamp=$venv/.stratus-pins
want=$(printf '%s\n' "${pins[@]}")

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
    && "$venv/bin/python" -c 'import sys' 2>/dev/null \
    && [ -x "$venv/bin/openstack" ] && [ -x "$venv/bin/tempest" ]; then
    exit 0
fi

# A venv whose interpreter is gone (or a half-made one) is rebuilt from scratch.
if [ -d "$venv" ] && ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    rm -rf "$venv"
fi

if [ ! -d "$venv" ]; then
    python=""
    for candidate in python3 /usr/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import venv, ensurepip' 2>/dev/null; then
            python=$candidate
            break
        fi
    done
    if [ -z "$python" ]; then
        echo "venv.sh: no python3 with the venv module (apt-get install python3-venv)" >&2
        exit 1
    fi
    "$python" -m venv "$venv"
fi

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${pins[@]}"
printf '%s\n' "$want" >"$stamp"
echo "venv.sh: $venv ready ($(paste -sd' ' "$stamp"))"
