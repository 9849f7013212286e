#!/usr/bin/env bash
# Runs tempest's compute tests against a throwaway Stratus and reports the counts.
#
#   scripts/tempest-compute.sh                  # ^tempest\.api\.compute
#   scripts/tempest-compute.sh 'REGEX'          # any stestr selection regex
#
# The configuration is written from the live cloud: its two images (a second one is
# uploaded when the cloud has only its test image), flavors 1 and 2, the maximum
# microversion it serves, and the features Stratus implements switched on.
# A report: exits 0 whatever the tests did; non-zero only when tempest could not run.
# Workspace: tempest-work/compute/ (gitignored).
#
# Knobs: STRATUS_BIN, TEMPEST_REFERENCE_DIR, TEMPEST_CONCURRENCY (default 2), TEMPEST_TIMEOUT.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/server.sh
. "$root/scripts/lib/server.sh"
# shellcheck source=scripts/lib/tempest.sh
. "$root/scripts/lib/tempest.sh"
# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"

work=$root/tempest-work/compute
regex=${1:-'^tempest\.api\.compute'}
case "$regex" in -h|--help) sed -n '2,13p' "$0"; exit 0 ;; esac

"$root/scripts/venv.sh" || { echo "tempest-compute: could not set up .venv" >&2; exit 2; }
venv=${STRATUS_VENV:-$root/.venv}
py=$venv/bin/python
cli_timeout=120

ok_run=0
# shellcheck disable=SC2317  # called by the trap
finish() {
    [ "$ok_run" -eq 1 ] || stratus_log_tail 80
    stratus_stop
}
trap finish EXIT
trap 'exit 130' INT TERM

# Tempest's users are members: snapshots are image uploads, which the public-cloud
# profile lets members make (the private-cloud default keeps them to administrators).
if ! stratus_start --hosts 4 --image-trust public-cloud; then
    echo "tempest-compute: the server did not start" >&2
    exit 2
fi
echo "stratus serving at $STRATUS_URL"

as_admin image list --status active -f value -c ID || { echo "tempest-compute: image list failed: $err" >&2; exit 2; }
images=$out
if [ "$(echo "$images" | grep -c .)" -lt 2 ]; then
    head -c 65536 /dev/urandom >"$STRATUS_TMP/alt.img"
    as_admin image create --public --disk-format raw --container-format bare \
        --file "$STRATUS_TMP/alt.img" tempest-alt || { echo "tempest-compute: could not upload an image: $err" >&2; exit 2; }
    as_admin image list --status active -f value -c ID
    images=$out
fi
image_ref=$(echo "$images" | sed -n 1p)
image_alt=$(echo "$images" | sed -n 2p)
max_version=$(curl -s "$STRATUS_URL/compute/v2.1/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"]["version"])')
echo "images $image_ref $image_alt, compute microversions 2.1 to $max_version"

tempest_conf "$work"
tempest_set "$work" compute image_ref "$image_ref"
tempest_set "$work" compute image_ref_alt "$image_alt"
tempest_set "$work" compute max_microversion "$max_version"
tempest_set "$work" compute min_compute_nodes 2
for feature in pause suspend console_output resize cold_migration snapshot; do
    tempest_set "$work" compute-feature-enabled "$feature" true
done

echo "running tempest --regex '$regex'"
tempest_run_report "$work" tempest-compute --config-file tempest.conf --concurrency "${TEMPEST_CONCURRENCY:-2}" --regex "$regex"
rc=$?
[ "$rc" -eq 2 ] || ok_run=1
exit "$rc"
