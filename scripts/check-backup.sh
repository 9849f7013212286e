#!/usr/bin/env bash
# Backup and restore of the control plane through the real binary (issue 16, item 3): a
# serving cloud with two projects, two users and three uploaded images runs a churn of 50
# server creates and deletes (5 threads, through the API) while `stratus admin backup`
# copies it; the manifest must hold every server that lived through the backup and none
# asked for after it. The cloud is stopped, the backup restored into a fresh directory
# (a non-empty one is refused) and served without --admin-password: the admin logs in
# with the backed-up password, and every project, user, image (checksums and data) and
# server of the snapshot is served. Prints "check-backup: N passed, N failed"; non-zero exit on
# any failure. Needs curl and python3 (standard library only); ~20 s after a build.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/server.sh
. "$root/scripts/lib/server.sh"
# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"

bin=${STRATUS_BIN:-$root/.build/debug/stratus}
helper=$root/scripts/lib/backup_check.py
STRATUS_TMP_PREFIX=stratus-backup

# py_checks COMMAND ARGS...: runs the helper, counting its PASS/FAIL lines; a crash is a failure.
py_checks() {
    local output rc=0
    output=$(python3 "$helper" "$@" 2>&1) || rc=$?
    echo "$output"
    passed=$((passed + $(grep -c '^PASS ' <<<"$output")))
    failed=$((failed + $(grep -c '^FAIL ' <<<"$output")))
    if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' <<<"$output"; then
        fail "backup_check.py $1 ran to the end" "exit $rc"
    fi
}

# serve_restored DATA-DIR: serves the restored directory on a new port, appending to the log.
serve_restored() {
    STRATUS_PORT=$(stratus_free_port)
    STRATUS_URL=http://127.0.0.1:$STRATUS_PORT
    env -u STRATUS_ADMIN_PASSWORD "$bin" serve --host 127.0.0.1 --port "$STRATUS_PORT" --data-dir "$1" \
        --hosts 2 >>"$STRATUS_LOG" 2>&1 &
    STRATUS_PID=$!
    for _ in $(seq 1 300); do
        kill -0 "$STRATUS_PID" 2>/dev/null || return 1
        curl -s -o /dev/null --max-time 2 "$STRATUS_URL/identity/v3" && return 0
        sleep 0.2
    done
    return 1
}

if ! stratus_start --hosts 2; then
    fail "server start" "see the server log"
    echo "check-backup: $passed passed, $failed failed"
    exit 1
fi
work=$STRATUS_TMP
data=$work/data
backup=$work/backup
echo "stratus serving at $STRATUS_URL (log: $STRATUS_LOG)"

py_checks setup "$STRATUS_URL" "$STRATUS_PASSWORD"

# --- the churn, and the backup in the middle of it -------------------------------------
python3 "$helper" churn "$STRATUS_URL" "$STRATUS_PASSWORD" "$work/churn.log" "$work/backup-done" \
    >"$work/churn.out" 2>&1 &
churn=$!
for _ in $(seq 1 1500); do
    [ "$(grep -c '"created"' "$work/churn.log" 2>/dev/null)" -ge 25 ] 2>/dev/null && break
    sleep 0.02
done
start=$(date +%s.%N)
"$bin" admin backup "$backup" --data-dir "$data" >"$work/backup.out" 2>"$work/backup.err"
rc=$?
end=$(date +%s.%N)
touch "$work/backup-done"
check $rc "stratus admin backup runs while the cloud serves (and holds its lock)" "$(cat "$work/backup.err")"
wait "$churn"
cat "$work/churn.out"
passed=$((passed + $(grep -c '^PASS ' "$work/churn.out")))
failed=$((failed + $(grep -c '^FAIL ' "$work/churn.out")))
cat "$work/backup.err" "$work/backup.out"
grep -q '^database: .* copied' "$work/backup.err" && grep -q '^images: [0-9]*/[0-9]*' "$work/backup.err"
verdict "the backup shows its progress on stderr" "stderr: $(head -c 400 "$work/backup.err")"
[ -f "$backup/manifest.json" ] && [ ! -e "$backup.partial" ]
verdict "the backup is complete: a manifest, no .partial left" "$(ls -la "$work")"
modes=$( (stat -c '%a' "$backup" "$backup/images" ; find "$backup" -type f -exec stat -c '%a' {} +) | sort -u | tr '\n' ' ')
[[ $modes == "600 700 " ]]
verdict "the backup is private (folders 0700, files 0600)" "modes: $modes"
py_checks snapshot "$backup/manifest.json" "$work/churn.log" "$start" "$end"

# --- stop, restore into a fresh directory, serve it ------------------------------------
kill "$STRATUS_PID" 2>/dev/null
wait "$STRATUS_PID" 2>/dev/null
STRATUS_PID=""
mkdir -p "$work/occupied" && echo keep >"$work/occupied/notes"
out=$("$bin" admin restore "$backup" --data-dir "$work/occupied" 2>&1)
rc=$?
[ $rc -ne 0 ] && [[ $out == *"not empty"* ]] && [ "$(ls "$work/occupied")" = notes ]
verdict "restore refuses a non-empty data directory and leaves it alone" "exit $rc: $out"
restored=$work/restored
out=$("$bin" admin restore "$backup" --data-dir "$restored" 2>"$work/restore.err")
check $? "stratus admin restore into a fresh directory" "$(cat "$work/restore.err")"
cat "$work/restore.err"
echo "$out"
[[ $out == *"stratus serve --data-dir $restored"* && $out == *"admin password is the one the cloud had"* ]]
verdict "restore says how to start it and which admin password it has" "$out"
[ "$(stat -c '%a' "$restored")" = 700 ] && [ "$(stat -c '%a' "$restored/stratus.sqlite")" = 600 ]
verdict "the restored data directory is private" "$(stat -c '%a %n' "$restored" "$restored/stratus.sqlite")"
if serve_restored "$restored"; then
    pass "stratus serve starts on the restored directory"
    # Started without --admin-password: the backed-up password is the admin's, none is generated.
    py_checks restored "$STRATUS_URL" "$STRATUS_PASSWORD" "$backup/manifest.json"
    [ ! -e "$restored/initial-admin-password" ] && ! grep -q "OS_PASSWORD='" "$STRATUS_LOG"
    verdict "the restored cloud generates no admin password: it has the backed-up one" "$(grep OS_PASSWORD "$STRATUS_LOG")"
else
    fail "stratus serve starts on the restored directory" "see the server log"
fi

"$bin" admin --help | grep -q "backup" && "$bin" admin backup --help | grep -qi "consistent\|while it serves"
verdict "stratus admin --help lists backup and says what it does" "$("$bin" admin --help 2>&1 | head -20)"

echo "check-backup: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
