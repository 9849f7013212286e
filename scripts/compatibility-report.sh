#!/usr/bin/env bash
# The compatibility runner: every tempest area and every real-client script against
# fresh Stratus servers, then docs/compatibility.md written from what they said.
#
#   scripts/compatibility-report.sh     # about 15–25 minutes on 2 cores
#
# Runs the interop guideline's 109 tests, tempest.api.compute, tempest.api.image.v2,
# tempest.api.identity.v3 + identity.admin.v3 and the compat-*.sh scripts; writes
# docs/compatibility.md: per area passed/failed/skipped (compute split admin/non-admin),
# every failure with the last line of its traceback and every skip with its reason,
# followed by the hand-written analysis in docs/compatibility/notes.md.
# CI runs only the interop gate (scripts/test.sh); this is the longer command.
#
# Knobs: STRATUS_BIN, TEMPEST_CONCURRENCY, TEMPEST_TIMEOUT (passed to the scripts).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
"$root/scripts/venv.sh" || { echo "compatibility-report: could not set up .venv" >&2; exit 2; }
venv=${STRATUS_VENV:-$root/.venv}
work=$root/tempest-work
mkdir -p "$work/compat"

status=0
for script in tempest-interop tempest-compute tempest-image tempest-identity; do
    echo "== $script"
    "$root/scripts/$script.sh" >"$work/$script.log" 2>&1
    rc=$?
    tail -n 1 "$work/$script.log"
    [ "$rc" -eq 2 ] && { echo "compatibility-report: $script could not run (see $work/$script.log)" >&2; status=2; }
done
for script in compat-identity compat-compute compat-image compat-servers compat-network compat-volume compat-quotas compat-image-signing compat-sdk; do
    echo "== $script"
    "$root/scripts/$script.sh" >"$work/compat/$script.log" 2>&1
    tail -n 1 "$work/compat/$script.log"
done

clients=$("$venv/bin/pip" list --format=freeze 2>/dev/null |
    grep -iE '^(tempest|python-openstackclient|openstacksdk|python-barbicanclient)==' | paste -sd, - | sed 's/,/, /g')
VENV=$venv INTEROP_LIST=${TEMPEST_REFERENCE_DIR:-$root/../shared/reference/tempest}/interop-load-list.txt \
    CLIENTS=$clients "$venv/bin/python" "$root/scripts/lib/compat_report.py" \
    "$work" "$root/docs/compatibility.md" "$root/docs/compatibility/notes.md" || status=2
echo "wrote docs/compatibility.md"
grep -m1 '^\*\*interop' "$root/docs/compatibility.md"
exit "$status"
