#!/usr/bin/env bash
# Shared by the compatibility scripts: PASS/FAIL bookkeeping, a clean `openstack`
# environment, and small CLI/HTTP helpers. Source it after scripts/lib/server.sh;
# expects $venv, $py and $cli_timeout to be set; traps EXIT to stop the server.

passed=0
failed=0
out=""      # stdout of the last run_cli / http call
err=""      # stderr of the last run_cli call
status=""   # HTTP status of the last http call
errfile=$(mktemp)

finish() {
    local rc=$?
    if [ "$failed" -gt 0 ] || [ "$rc" -ne 0 ]; then
        stratus_log_tail 80
    fi
    stratus_stop
    rm -f "$errfile"
}
trap finish EXIT
trap 'exit 130' INT TERM

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1${2:+: $2}"
    if [ -n "$err" ]; then printf '  stderr: %s\n' "$(tail -n 5 <<<"$err")"; fi
}
# verdict NAME DETAIL: PASS when the command just before it succeeded, else FAIL with DETAIL.
# DETAIL must not hold a $(...): it runs before verdict does and overwrites $?, so a
# failed check would pass. Use `check $? NAME DETAIL` then.
verdict() {
    if [ $? -eq 0 ]; then pass "$1"; else fail "$1" "$2"; fi
}
# check STATUS NAME DETAIL: PASS when STATUS is 0, else FAIL with DETAIL. Written
# `check $? ...`: the $? word is expanded before any $(...) in DETAIL runs.
check() {
    if [ "$1" -eq 0 ]; then pass "$2"; else fail "$2" "$3"; fi
}

# A clean client environment: nothing from the caller's OS_* or clouds.yaml leaks in.
for var in $(compgen -e); do
    case $var in OS_*) unset "$var" ;; esac
done

# run_cli [VAR=value ...] -- openstack-args...: runs the CLI, sets out/err, returns its status.
# With RUN_CLI_TERMINAL=1 the CLI runs on a pseudo-terminal that answers its prompts
# with an empty line (openstackclient's key passphrase when signing); stderr then
# comes back in out.
run_cli() {
    local envs=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
    shift
    local rc=0
    if [ "${RUN_CLI_TERMINAL:-0}" = 1 ]; then
        out=$(timeout "$cli_timeout" "$py" "$STRATUS_ROOT/scripts/lib/on_a_terminal.py" \
            env "${envs[@]}" "$venv/bin/openstack" "$@" 2>"$errfile") || rc=$?
    else
        out=$(env "${envs[@]}" timeout "$cli_timeout" "$venv/bin/openstack" "$@" 2>"$errfile") || rc=$?
    fi
    err=$(cat "$errfile")
    return "$rc"
}
# as_user NAME PASSWORD PROJECT openstack-args...: password auth in the Default domain.
as_user() {
    local name=$1 password=$2 project=$3
    shift 3
    run_cli OS_AUTH_URL="$STRATUS_AUTH_URL" OS_IDENTITY_API_VERSION=3 \
        OS_USERNAME="$name" OS_PASSWORD="$password" OS_PROJECT_NAME="$project" \
        OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default \
        OS_REGION_NAME=RegionOne -- "$@"
}
# as_admin openstack-args...
as_admin() { as_user admin "$STRATUS_PASSWORD" admin "$@"; }
# as_demo openstack-args...: the member "demo" (password demo-secret) of project "demo".
as_demo() { as_user demo demo-secret demo "$@"; }
# field KEY: prints KEY of the JSON object in $out (empty when absent or not JSON).
field() {
    "$py" -c '
import json, sys
try:
    v = json.loads(sys.argv[2]).get(sys.argv[1], "")
except Exception:
    v = ""
print("" if v is None else v)' "$1" "$out"
}

# http METHOD PATH [curl-args...]: sets status and out (the body).
http() {
    local method=$1 path=$2 body
    shift 2
    body=$(mktemp)
    if [ "$method" = HEAD ]; then set -- --head "$@"; else set -- -X "$method" "$@"; fi
    status=$(curl -s -o "$body" -w '%{http_code}' --max-time 30 "$@" "$STRATUS_URL$path") \
        || status=000
    out=$(cat "$body")
    rm -f "$body"
    err=""
}

