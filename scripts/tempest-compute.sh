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
# shellcheck source=scripts/lib/tempest-cloud.sh
. "$root/scripts/lib/tempest-cloud.sh"

work=$root/tempest-work/compute
regex=${1:-'^tempest\.api\.compute'}
case "$regex" in -h|--help) sed -n '2,13p' "$0"; exit 0 ;; esac

tempest_cloud_venv tempest-compute || exit 2

# tempest's dynamic admin credentials are admins of fresh projects: its admin API tests
# need upstream's legacy admin-anywhere (docs/security.md).
tempest_cloud_start tempest-compute "$work" --hosts 4 --admin-scope any-project || exit 2

echo "running tempest --regex '$regex'"
tempest_run_report "$work" tempest-compute --config-file tempest.conf --concurrency "${TEMPEST_CONCURRENCY:-2}" --regex "$regex"
rc=$?
[ "$rc" -eq 2 ] || ok_run=1
exit "$rc"
