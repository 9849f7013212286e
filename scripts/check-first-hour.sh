#!/usr/bin/env bash
# The operator's first hour (issue 16), with the real binary and the real openstack
# client: `stratus --version`; the start summary; a second serve on the same data dir
# refused at once naming the first one's pid, with nothing in the database changed; a
# first start on a busy port refused naming the address and --port, leaving no state;
# every later start usable with the printed exports (`openstack token issue`): a
# generated password, one a failed first start generated, `--admin-password` replacing
# the stored one, `stratus admin reset-password`; `openstack compute service delete`
# of a stale host; `stratus admin status` and `config`.
# PASS/FAIL per step; non-zero exit on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin check-first-hour --hosts 2
bin=${STRATUS_BIN:-$root/.build/debug/stratus}
data=$STRATUS_TMP/data
extra_pid=""
holder_pid=""
# The script's own status must reach finish (it prints the server log on a failure).
trap 'st=$?; for p in $extra_pid $holder_pid; do kill "$p" 2>/dev/null; done; (exit $st); finish' EXIT

out=$("$bin" --version)
[ "$out" = "$(sed -n 's/.*current = "\(.*\)".*/\1/p' "$root/Sources/StratusCore/Support/StratusVersion.swift")" ]
verdict "stratus --version prints the version" "$out"

for line in "Stratus " "data dir:" "database:  SQLite" "driver:    simulated" "hosts:     sim-1, sim-2" \
    "images:    stratus-test-image" "networks:  shared network" "security:  image trust private-cloud" \
    "listening: $STRATUS_URL (TLS off)"; do
    grep -qF -- "$line" "$STRATUS_LOG"
    check $? "the start summary shows '$line'" "$(head -20 "$STRATUS_LOG")"
done

# --- one serve per data directory --------------------------------------------------
# The live cloud writes heartbeats; everything else must stay as it is.
dump() {
    "$py" - "$data/stratus.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
    columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})") if c[1] != "last_heartbeat"]
    for row in db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1"):
        print(table, row)
PY
}
before=$(dump)
started=$SECONDS
second=$("$bin" serve --port 0 --data-dir "$data" --hosts 4 2>&1)
rc=$?
[ $rc -ne 0 ] && [[ $second == *"in use by another stratus (pid $STRATUS_PID)"* ]] && [ $((SECONDS - started)) -le 5 ]
verdict "a second serve on the same data dir is refused at once, naming pid $STRATUS_PID" "rc=$rc: $second"
[ "$before" = "$(dump)" ]
check $? "the refused serve changed nothing in the database" "$(diff <(echo "$before") <(dump) | head -5)"

# --- a first start on a busy port ----------------------------------------------------
busy=$(stratus_free_port)
"$py" -c "import socket,time; s=socket.socket(); s.bind(('127.0.0.1',$busy)); s.listen(); time.sleep(120)" &
holder_pid=$!
sleep 0.5
fresh=$STRATUS_TMP/fresh
second=$("$bin" serve --port "$busy" --data-dir "$fresh" 2>&1)
rc=$?
[ $rc -ne 0 ] && [[ $second == *"127.0.0.1:$busy"* && $second == *"--port"* ]]
verdict "a busy port fails the start, naming the address and --port" "rc=$rc: $second"
[ ! -e "$fresh/stratus.sqlite" ]
check $? "the failed start left no database behind" "$(ls -la "$fresh" 2>&1)"
kill $holder_pid 2>/dev/null
holder_pid=""

# serve_fresh LOG [serve-args...]: serves $fresh on a new port in the background; waits until it answers.
serve_fresh() {
    local log=$1
    shift
    fresh_port=$(stratus_free_port)
    "$bin" serve --port "$fresh_port" --data-dir "$fresh" --hosts 1 "$@" >"$log" 2>&1 &
    extra_pid=$!
    for _ in $(seq 1 150); do
        grep -q "^openstack token issue" "$log" 2>/dev/null && return 0
        kill -0 $extra_pid 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}
stop_fresh() {
    kill $extra_pid 2>/dev/null
    wait $extra_pid 2>/dev/null
    extra_pid=""
}
# token_with LOG [PASSWORD]: `openstack token issue` with the exports LOG printed (PASSWORD
# replacing an OS_PASSWORD the start could not show).
token_with() {
    local log=$1 password=${2:-} envs=()
    while read -r line; do envs+=("${line#export }"); done < <(grep '^export OS_' "$log")
    envs=("${envs[@]//\'/}")
    if [ -n "$password" ]; then envs+=("OS_PASSWORD=$password"); fi
    run_cli "${envs[@]}" -- token issue -f value -c id
}
printed_password() { sed -n "s/^export OS_PASSWORD='\(.*\)'.*/\1/p" "$1" | head -1; }

serve_fresh "$STRATUS_TMP/fresh1.log"
token_with "$STRATUS_TMP/fresh1.log"
check $? "the next start on a free port works with the password it printed" "$(tail -5 "$STRATUS_TMP/fresh1.log")"
generated=$(printed_password "$STRATUS_TMP/fresh1.log")
stop_fresh
[ ! -e "$fresh/initial-admin-password" ]
check $? "once shown, the generated password is kept nowhere in the data dir" "$(ls "$fresh")"

serve_fresh "$STRATUS_TMP/fresh2.log"
grep -q "^export OS_PASSWORD=\.\.\." "$STRATUS_TMP/fresh2.log" && token_with "$STRATUS_TMP/fresh2.log" "$generated"
check $? "a later start without --admin-password keeps the first start's password" "$(grep OS_PASSWORD "$STRATUS_TMP/fresh2.log")"
stop_fresh

serve_fresh "$STRATUS_TMP/fresh3.log" --admin-password replaced-secret-1
grep -q "replaced the stored one" "$STRATUS_TMP/fresh3.log" && token_with "$STRATUS_TMP/fresh3.log" replaced-secret-1
check $? "--admin-password on a later start replaces the stored password, with a warning" "$(grep -i "warn\|OS_PASSWORD" "$STRATUS_TMP/fresh3.log")"
token_with "$STRATUS_TMP/fresh3.log" "$generated"
[ $? -ne 0 ]
verdict "the replaced password no longer works" "$out"
stop_fresh

out=$("$bin" admin reset-password --data-dir "$fresh" 2>&1)
reset=$(sed -n "s/^export OS_PASSWORD='\(.*\)'.*/\1/p" <<<"$out")
[ -n "$reset" ]
verdict "stratus admin reset-password prints a new password" "$out"
serve_fresh "$STRATUS_TMP/fresh4.log"
token_with "$STRATUS_TMP/fresh4.log" "$reset"
verdict "the reset password logs in" "$err"
out=$("$bin" admin reset-password --data-dir "$fresh" 2>&1)
[[ $out == *"in use by another stratus"* ]]
verdict "reset-password refuses a data dir a serve holds" "$out"
stop_fresh

# A first start that fails after the bootstrap (no QEMU test guest): the next start shows its password.
rm -rf "$fresh"
out=$("$bin" serve --port 0 --data-dir "$fresh" --driver qemu --test-guest "$STRATUS_TMP/no-guest" 2>&1)
[ $? -ne 0 ] && [ -e "$fresh/stratus.sqlite" ]
verdict "a first start can fail after its bootstrap" "$out"
serve_fresh "$STRATUS_TMP/fresh5.log"
token_with "$STRATUS_TMP/fresh5.log"
check $? "the next start shows the password the failed one generated, and it logs in" "$(grep OS_PASSWORD "$STRATUS_TMP/fresh5.log")"
stop_fresh

# --- a stale host leaves -------------------------------------------------------------
as_admin compute service list -f json
sim2=$("$py" -c 'import json,sys; print(next(s["ID"] for s in json.loads(sys.argv[1]) if s["Host"] == "sim-2"))' "$out")
as_admin compute service delete "$sim2"
[ $? -ne 0 ] && [[ $err == *"is up"* ]]
verdict "deleting an up host is refused (409)" "$err"
# sim-2 as an earlier run's host: no heartbeat for ten minutes.
"$py" -c "
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
db.execute(\"UPDATE compute_hosts SET last_heartbeat = ? WHERE name = 'sim-2'\", (time.time() - 600,))
db.commit()" "$data/stratus.sqlite"
out=$("$bin" admin status --data-dir "$data")
[[ $out == *"serving (pid $STRATUS_PID)"* && $out == *"sim-1: up"* && $out == *"sim-2: down"* && $out == *"stale?"* ]]
verdict "stratus admin status shows the serving pid, hosts up and down, and a stale one" "$out"
as_admin compute service delete "$sim2"
verdict "openstack compute service delete removes the stale host" "$err"
as_admin compute service list -f value -c Host
[[ $out != *sim-2* && $out == *sim-1* ]]
verdict "the deleted host is no longer listed" "$out"
as_admin hypervisor list -f value -c "Hypervisor Hostname"
[[ $out != *sim-2* ]]
verdict "nor among the hypervisors" "$out"

out=$("$bin" admin config --data-dir "$data")
[[ $out == *"port: $STRATUS_PORT"* && $out == *"driver: simulated"* && $out != *"$STRATUS_PASSWORD"* ]]
verdict "stratus admin config shows the effective configuration, without the password" "$out"

compat_end
