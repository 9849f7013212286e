#!/usr/bin/env bash
# Runs tempest's image tests against a throwaway Stratus and reports the counts.
#
#   scripts/tempest-image.sh                    # ^tempest\.api\.image\.v2
#   scripts/tempest-image.sh 'REGEX'            # any stestr selection regex
#
# Tempest's primary user uploads and shares images, which the default private-cloud
# trust profile refuses by design; the server runs with members allowed to upload and
# share (STRATUS_IMAGE_FLAGS to change), publishing still for administrators only.
# A report: exits 0 whatever the tests did; non-zero only when tempest could not run.
# Workspace: tempest-work/image/ (gitignored).
#
# Knobs: STRATUS_BIN, STRATUS_IMAGE_FLAGS, TEMPEST_REFERENCE_DIR, TEMPEST_CONCURRENCY
#        (default 2), TEMPEST_TIMEOUT.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/server.sh
. "$root/scripts/lib/server.sh"
# shellcheck source=scripts/lib/tempest.sh
. "$root/scripts/lib/tempest.sh"

work=$root/tempest-work/image
regex=${1:-'^tempest\.api\.image\.v2'}
case "$regex" in -h|--help) sed -n '2,14p' "$0"; exit 0 ;; esac

"$root/scripts/venv.sh" || { echo "tempest-image: could not set up .venv" >&2; exit 2; }

ok_run=0
# shellcheck disable=SC2317  # called by the trap
finish() {
    [ "$ok_run" -eq 1 ] || stratus_log_tail 80
    stratus_stop
}
trap finish EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC2086  # the flags are words
if ! stratus_start --hosts 2 --admin-scope any-project ${STRATUS_IMAGE_FLAGS:---image-trust public-cloud --image-share members}; then
    echo "tempest-image: the server did not start" >&2
    exit 2
fi
echo "stratus serving at $STRATUS_URL"

tempest_conf "$work"
echo "running tempest --regex '$regex'"
tempest_run_report "$work" tempest-image --config-file tempest.conf --concurrency "${TEMPEST_CONCURRENCY:-2}" --regex "$regex"
rc=$?
[ "$rc" -eq 2 ] || ok_run=1
exit "$rc"
