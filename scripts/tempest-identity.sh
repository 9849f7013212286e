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

reference=${TEMPEST_REFERENCE_DIR:-$root/../shared/reference/tempest}
template=$reference/tempest.conf.template
interop_list=$reference/interop-load-list.txt
concurrency=${TEMPEST_CONCURRENCY:-2}
run_timeout=${TEMPEST_TIMEOUT:-2700}
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
venv=${STRATUS_VENV:-$root/.venv}

ok_run=0
# shellcheck disable=SC2317  # called by the trap
finish() {
    [ "$ok_run" -eq 1 ] || stratus_log_tail 80
    stratus_stop
}
trap finish EXIT
trap 'exit 130' INT TERM

if ! stratus_start; then
    echo "tempest-identity: the server did not start" >&2
    exit 2
fi
echo "stratus serving at $STRATUS_URL"

rm -rf "$work"
mkdir -p "$work/tempest-logs" "$work/locks"
# The template's log_dir (./tempest-logs) must exist, or every test module fails to import.
sed -e "s/PORT/$STRATUS_PORT/g" \
    -e "s/^admin_password = .*/admin_password = $STRATUS_PASSWORD/" \
    "$template" >"$work/tempest.conf"
printf '\n[oslo_concurrency]\nlock_path = %s\n' "$work/locks" >>"$work/tempest.conf"

args=(--config-file tempest.conf --concurrency "$concurrency")
if [ -n "$load_list" ]; then
    grep '^tempest\.api\.identity\.' "$interop_list" >"$work/load-list.txt"
    args+=(--load-list load-list.txt)
    echo "running the $(wc -l <"$work/load-list.txt") identity tests of $(basename "$interop_list")"
else
    args+=(--regex "$regex")
    echo "running tempest --regex '$regex'"
fi

cd "$work" || exit 2
start=$SECONDS
timeout "$run_timeout" "$venv/bin/tempest" run "${args[@]}" >run.log 2>&1
rc=$?
elapsed=$((SECONDS - start))

count() { sed -n "s/^ - $1: *\([0-9]*\).*/\1/p" run.log | tail -n 1; }
if grep -q "regex doesn't match" run.log; then
    ok_run=1
    echo "tempest-identity: no test matches '$regex'" >&2
    exit 3
fi
if ! grep -q '^Totals' run.log; then
    tail -n 40 run.log
    echo "tempest-identity: tempest did not run to a summary (exit $rc after ${elapsed}s); see $work/run.log" >&2
    exit 2
fi
ran=$(sed -n 's/^Ran: \([0-9]*\) tests.*/\1/p' run.log | tail -n 1)
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
xfail=$(count 'Expected Fail')
uxsuccess=$(count 'Unexpected Success')

failing=$("$venv/bin/stestr" failing --list 2>/dev/null | sed 's/\[.*\]$//' | sort -u)
if [ -n "$failing" ]; then
    echo "failing (a setUpClass failure counts once for its whole class):"
    while IFS= read -r line; do echo "  $line"; done <<<"$failing"
fi
echo "tempest ran ${ran:-0} tests in ${elapsed}s: passed ${passed:-0}, failed ${failed:-0}, skipped ${skipped:-0}, expected-fail ${xfail:-0}, unexpected-success ${uxsuccess:-0}"
echo "details: $work/run.log, $work/tempest-logs/tempest.log"
ok_run=1
if [ "${ran:-0}" -eq 0 ]; then
    echo "tempest-identity: no test was selected" >&2
    exit 3
fi
echo "tempest-identity: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit 0
