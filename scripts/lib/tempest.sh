# shellcheck shell=bash
# Shared steps of the tempest report scripts. Source after scripts/lib/server.sh.
#
#   tempest_conf WORK            writes WORK/tempest.conf from the reference template for
#                                the running server (port, admin password, lock path)
#   tempest_set WORK SECTION KEY VALUE
#                                sets one option in WORK/tempest.conf (adds it if missing)
#   tempest_run_report WORK NAME ARGS...
#                                runs `tempest run ARGS` in WORK and prints the counts and
#                                the failing tests; returns 0 when tempest ran to a summary,
#                                2 when it could not run, 3 when no test was selected.
#
# Knobs: TEMPEST_REFERENCE_DIR (default ../shared/reference/tempest),
#        TEMPEST_TIMEOUT (seconds, default 2700).

TEMPEST_REFERENCE=${TEMPEST_REFERENCE_DIR:-$STRATUS_ROOT/../shared/reference/tempest}

tempest_conf() {
    local work=$1
    rm -rf "$work"
    mkdir -p "$work/tempest-logs" "$work/locks"
    # The template's log_dir (./tempest-logs) must exist, or every test module fails to import.
    sed -e "s/PORT/$STRATUS_PORT/g" \
        -e "s/^admin_password = .*/admin_password = $STRATUS_PASSWORD/" \
        "$TEMPEST_REFERENCE/tempest.conf.template" >"$work/tempest.conf"
    printf '\n[oslo_concurrency]\nlock_path = %s\n' "$work/locks" >>"$work/tempest.conf"
}

tempest_set() {
    python3 - "$1/tempest.conf" "$2" "$3" "$4" <<'PY'
import configparser, sys
path, section, key, value = sys.argv[1:]
config = configparser.RawConfigParser()
config.optionxform = str
config.read(path)
if not config.has_section(section):
    config.add_section(section)
config.set(section, key, value)
with open(path, "w") as handle:
    config.write(handle)
PY
}

tempest_run_report() {
    local work=$1 name=$2
    shift 2
    local venv=${STRATUS_VENV:-$STRATUS_ROOT/.venv}
    (
        cd "$work" || exit 2
        local start=$SECONDS rc
        timeout "${TEMPEST_TIMEOUT:-2700}" "$venv/bin/tempest" run "$@" >run.log 2>&1
        rc=$?
        local elapsed=$((SECONDS - start))
        count() { sed -n "s/^ - $1: *\([0-9]*\).*/\1/p" run.log | tail -n 1; }
        if grep -q "regex doesn't match" run.log; then
            echo "$name: no test matches the selection" >&2
            exit 3
        fi
        if ! grep -q '^Totals' run.log; then
            tail -n 40 run.log
            echo "$name: tempest did not run to a summary (exit $rc after ${elapsed}s); see $work/run.log" >&2
            exit 2
        fi
        local ran passed failed skipped failing
        ran=$(sed -n 's/^Ran: \([0-9]*\) tests.*/\1/p' run.log | tail -n 1)
        passed=$(count Passed)
        failed=$(count Failed)
        skipped=$(count Skipped)
        failing=$("$venv/bin/stestr" failing --list 2>/dev/null | sed 's/\[.*\]$//' | sort -u)
        if [ -n "$failing" ]; then
            echo "failing (a setUpClass failure counts once for its whole class):"
            while IFS= read -r line; do echo "  $line"; done <<<"$failing"
        fi
        echo "tempest ran ${ran:-0} tests in ${elapsed}s: passed ${passed:-0}, failed ${failed:-0}, skipped ${skipped:-0}"
        echo "details: $work/run.log, $work/tempest-logs/tempest.log"
        if [ "${ran:-0}" -eq 0 ]; then
            echo "$name: no test was selected" >&2
            exit 3
        fi
        echo "$name: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
    )
}
