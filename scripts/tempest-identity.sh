#!/usr/bin/env bash
# Runs tempest's identity tests against a throwaway Stratus and reports the counts.
#
#   scripts/tempest-identity.sh                 # ^tempest\.api\.identity\.(v3|admin\.v3)
#   scripts/tempest-identity.sh --interop       # the 8 identity tests of interop 2020.06
#   scripts/tempest-identity.sh 'REGEX'         # any stestr selection regex
#
# It is a report: it exits 0 whatever the tests did, and non-zero only when tempest
# itself could not run (no server, no venv, no "Totals" summary, or no test selected).
# The workspace (tempest.conf, tempest-logs/tempest.log, the .stestr repository) stays in
# tempest-work/identity/ (gitignored) for inspection, e.g. `stestr failing` there.
#
# Knobs: STRATUS_BIN, TEMPEST_REFERENCE_DIR (default ../shared/reference/tempest),
#        TEMPEST_CONCURRENCY (default 2), TEMPEST_TIMEOUT (seconds, default 2700).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/server.sh
. "$root/scripts/lib/server.sh"
# shellcheck source=scripts/lib/tempest.sh
. "$root/scripts/lib/tempest.sh"

template=$TEMPEST_REFERENCE/tempest.conf.template
interop_list=$TEMPEST_REFERENCE/interop-load-list.txt
concurrency=${TEMPEST_CONCURRENCY:-2}
work=$root/tempest-work/identity

regex='^tempest\.api\.identity\.(v3|admin\.v3)'
load_list=""
case "${1:-}" in
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    --interop) load_list=yes; regex="" ;;
    "") ;;
    *) regex=$1 ;;
esac

if [ ! -f "$template" ]; then
    echo "tempest-identity: no tempest.conf.template at $template (set TEMPEST_REFERENCE_DIR)" >&2
    exit 2
fi
"$root/scripts/venv.sh" || { echo "tempest-identity: could not set up .venv" >&2; exit 2; }

ok_run=0
# shellcheck disable=SC2317  # called by the trap
finish() {
    [ "$ok_run" -eq 1 ] || stratus_log_tail 80
    stratus_stop
}
trap finish EXIT
trap 'exit 130' INT TERM

# tempest's dynamic admin credentials are admins of fresh projects (docs/security.md).
if ! stratus_start --admin-scope any-project; then
    echo "tempest-identity: the server did not start" >&2
    exit 2
fi
echo "stratus serving at $STRATUS_URL"

tempest_conf "$work"

args=(--config-file tempest.conf --concurrency "$concurrency")
if [ -n "$load_list" ]; then
    grep '^tempest\.api\.identity\.' "$interop_list" >"$work/load-list.txt"
    args+=(--load-list load-list.txt)
    echo "running the $(wc -l <"$work/load-list.txt") identity tests of $(basename "$interop_list")"
else
    args+=(--regex "$regex")
    echo "running tempest --regex '$regex'"
fi

tempest_run_report "$work" tempest-identity "${args[@]}"
rc=$?
[ "$rc" -eq 2 ] || ok_run=1  # the server log helps only when tempest could not run
exit "$rc"
