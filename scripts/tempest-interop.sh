#!/usr/bin/env bash
# The interop guideline "OpenStack Powered Compute" (2020.06): its 109 compute, identity
# and image tempest tests against a throwaway Stratus, configured from the live cloud
# as scripts/tempest-compute.sh configures it.
#
#   scripts/tempest-interop.sh            # report: counts, every test not passing
#   scripts/tempest-interop.sh --gate     # and fail when a test of the baseline no longer passes
#   scripts/tempest-interop.sh --update   # report, then write the passing tests as the baseline
#
# The baseline, docs/compatibility/interop-baseline.txt, lists the tests that passed; it
# may only grow: --update refuses to drop a test from it. Prints "interop: N/109".
# Workspace: tempest-work/interop/ (gitignored).
#
# The listed tests this cloud skips because they log in to guests over SSH run again on
# real QEMU guests (scripts/tempest-validation.sh; needs qemu, the test guest and root).
#
# Knobs: STRATUS_BIN, TEMPEST_REFERENCE_DIR, TEMPEST_CONCURRENCY (default 2), TEMPEST_TIMEOUT,
#        INTEROP_VALIDATION=0 (no validation run).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/tempest-cloud.sh
. "$root/scripts/lib/tempest-cloud.sh"

mode=${1:-report}
case "$mode" in
    report | --gate | --update) ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
esac
work=$root/tempest-work/interop
baseline=$root/docs/compatibility/interop-baseline.txt
load_list=$TEMPEST_REFERENCE/interop-load-list.txt
[ -f "$load_list" ] || { echo "tempest-interop: no $load_list" >&2; exit 2; }
total=$(grep -c . "$load_list")

tempest_cloud_venv tempest-interop || exit 2

tempest_cloud_start tempest-interop "$work" || exit 2
# The listed ids carry the attributes tempest gave them where the list was taken (`slow`
# where that cloud ran SSH validation); here tempest may tag a test differently, and
# --load-list matches ids exactly, so the list is matched by name against the ids tempest
# discovers here.
# Listing needs stestr's repository, which the first `tempest run` (writing .stestr.conf) would make.
(cd "$work" && { "$venv/bin/tempest" run --config-file tempest.conf --list-tests >/dev/null 2>&1
    [ -d .stestr ] || "$venv/bin/stestr" init >/dev/null 2>&1
    "$venv/bin/tempest" run --config-file tempest.conf --list-tests 2>/dev/null; }) |
    "$py" -c '
import sys
wanted = {line.strip().split("[", 1)[0] for line in open(sys.argv[1]) if line.strip()}
for line in sys.stdin:
    test = line.strip()
    if test.split("[", 1)[0] in wanted:
        print(test)' "$load_list" | sort -u >"$work/interop-load-list.txt"
found=$(grep -c . "$work/interop-load-list.txt")
if [ "$found" -ne "$total" ]; then
    echo "tempest-interop: tempest here knows $found of the $total listed tests; running the list as given"
    cp "$load_list" "$work/interop-load-list.txt"
fi
echo "running the interop guideline's $total tests"
tempest_run_report "$work" tempest-interop --config-file tempest.conf \
    --concurrency "${TEMPEST_CONCURRENCY:-2}" --load-list interop-load-list.txt
rc=$?
[ "$rc" -eq 2 ] && exit 2
ok_run=1

# Test ids without their [id-…,smoke] attributes, one per line, sorted.
tempest_passing "$work" >"$work/passing.txt"

# The listed tests this cloud skipped (those that log in to guests over SSH) run again
# with instance validation, on real QEMU guests (scripts/tempest-validation.sh).
if [ "${INTEROP_VALIDATION:-1}" = 1 ]; then
    (cd "$work" && "$venv/bin/stestr" failing --list 2>/dev/null) >"$work/failing.txt"
    "$py" -c '
import sys
name = lambda line: line.strip().split("[", 1)[0]
done = {name(line) for path in sys.argv[2:] for line in open(path) if line.strip()}
for line in open(sys.argv[1]):
    if line.strip() and name(line) not in done:
        print(line.strip())' "$work/interop-load-list.txt" "$work/passing.txt" "$work/failing.txt" >"$work/skipped.txt"
    if [ -s "$work/skipped.txt" ]; then
        echo "running the $(grep -c . "$work/skipped.txt") skipped test(s) again with instance validation"
        tempest_cloud_finish
        trap - EXIT
        "$root/scripts/tempest-validation.sh" "$work/skipped.txt"
        case $? in
            0) sort -u "$work/passing.txt" "$root/tempest-work/validation/passing.txt" -o "$work/passing.txt" ;;
            4) ;;  # this machine cannot; the reason is printed
            *) echo "tempest-interop: the validation run did not complete" >&2 ;;
        esac
    fi
fi
passing=$(grep -c . "$work/passing.txt")
echo "interop: $passing/$total"

touch "$baseline"
lost=$(comm -23 <(sort -u "$baseline") "$work/passing.txt")
gained=$(comm -13 <(sort -u "$baseline") "$work/passing.txt")
[ -n "$gained" ] && printf 'passing now, not yet in the baseline:\n%s\n' "$(sed 's/^/  /' <<<"$gained")"
if [ -n "$lost" ]; then
    printf 'in the baseline, no longer passing:\n%s\n' "$(sed 's/^/  /' <<<"$lost")"
    if [ "$mode" != report ]; then
        echo "tempest-interop: $(grep -c . <<<"$lost") baseline test(s) regressed" >&2
        exit 1
    fi
fi
if [ "$mode" = --update ]; then
    sort -u "$baseline" "$work/passing.txt" >"$baseline.new" && mv "$baseline.new" "$baseline"
    echo "baseline: $(grep -c . "$baseline") tests in ${baseline#"$root"/}"
fi
exit 0
