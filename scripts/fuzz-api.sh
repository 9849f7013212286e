#!/usr/bin/env bash
# A seeded fuzz campaign against a fresh server: every write endpoint of every API
# (Identity, Compute, Image, Networking, Block Storage, key manager) with valid bodies
# mutated — extreme numbers, wrong types, huge, control and odd Unicode strings, unknown
# and missing fields, deep nesting, a 5 MiB body, invalid and truncated JSON, other
# Content-Types, wrong methods, odd path ids, extreme microversion headers — plus list
# endpoints with extreme query strings, each as a reader, a member, the admin of another
# project or the cloud admin. Fails on any status >= 500 (Nova's own 501s excepted), on
# the server dying, and on state changed by refused requests. Python 3 standard library
# only (scripts/lib/fuzz_api.py); loopback only. Non-zero exit on any failure.
#
#   scripts/fuzz-api.sh [--seed N] [--requests N] [--time-limit S] [--restarts N] [fuzz_api.py options]
#
# --restarts N: when a request kills the server, restart it on the same data and go on
# (at most N times) so one run reports every crash; the default 0 stops at the first.
# Replay one request of a run: scripts/fuzz-api.sh --seed N --only INDEX
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/server.sh
. "$root/scripts/lib/server.sh"

restarts=0
args=()
while [ $# -gt 0 ]; do
    case $1 in
        --restarts) restarts=$2; shift 2 ;;
        --restarts=*) restarts=${1#*=}; shift ;;
        *) args+=("$1"); shift ;;
    esac
done

finish() {
    stratus_stop
}
trap finish EXIT
trap 'exit 130' INT TERM

STRATUS_TMP_PREFIX=stratus-fuzz
if ! stratus_start --hosts 2; then
    stratus_log_tail 80
    echo "fuzz-api: 0 passed, 1 failed"
    exit 1
fi
echo "stratus serving at $STRATUS_URL (log: $STRATUS_LOG)"

state=$STRATUS_TMP/fuzz-state.json
rc=0
resume=()
for attempt in $(seq 0 "$restarts"); do
    left=$((restarts - attempt))
    timeout 600 python3 "$root/scripts/lib/fuzz_api.py" --url "$STRATUS_URL" --password "$STRATUS_PASSWORD" \
        --pid "$STRATUS_PID" --log "$STRATUS_LOG" --state "$state" --restarts-left "$left" \
        "${resume[@]}" "${args[@]}"
    rc=$?
    [ "$rc" -eq 3 ] || break
    # The server died and the campaign saved its place: start it again on the same data.
    wait "$STRATUS_PID" 2>/dev/null || true
    STRATUS_PID=""
    echo "fuzz-api: restarting the server (restart $((attempt + 1)) of $restarts)"
    if ! stratus_launch --hosts 2; then
        stratus_log_tail 80
        echo "fuzz-api: the server did not start again"
        exit 1
    fi
    resume=(--resume)
done
exit "$rc"
