#!/usr/bin/env bash
# Issue 16: a guest bridge the cloud made goes away on a clean stop, and only then.
# Everything runs inside a network namespace this script makes (the bridge, the
# server, the client): `stratus serve --driver qemu --guest-bridge` makes the bridge
# and says so in its start summary; SIGTERM removes it; a bridge with an interface
# still on it (a guest's tap, here a dummy) is kept and the log says why;
# --keep-guest-bridge keeps it; a bridge that was there before the start is the
# operator's and stays. PASS/FAIL per check; non-zero exit on any failure. Without
# root, qemu or the test guest it says SKIPPED, unless STRATUS_REQUIRE_QEMU_TESTS=1.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${STRATUS_BIN:-$root/.build/debug/stratus}
guest=${STRATUS_TEST_GUEST:-$root/.build/test-guest}

missing=""
if [ "$(id -u)" -ne 0 ]; then
    missing="bridges and namespaces need root"
elif ! command -v qemu-system-x86_64 >/dev/null || ! command -v ip >/dev/null; then
    missing="qemu-system-x86_64 or ip (iproute2) not on PATH"
elif [ ! -s "$guest/vmlinuz" ]; then
    missing="no test guest in $guest (run scripts/build-test-guest.sh)"
fi
if [ -n "$missing" ]; then
    if [ "${STRATUS_REQUIRE_QEMU_TESTS:-}" = 1 ]; then
        echo "check-guest-bridge: FAILED: $missing, and STRATUS_REQUIRE_QEMU_TESTS=1" >&2
        exit 1
    fi
    echo "check-guest-bridge: SKIPPED: $missing"
    exit 0
fi

ns=stratus-bridge-$$
bridge=sbr0
work=$(mktemp -d "${TMPDIR:-/tmp}/stratus-bridge.XXXXXX")
pid=""
passed=0
failed=0
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
# check STATUS NAME DETAIL, written `check $? ...` so $? is read before DETAIL's $(...) runs.
check() {
    if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "PASS $2"; else failed=$((failed + 1)); echo "FAIL $2: $3"; fi
}

ip netns add "$ns" && ip -n "$ns" link set lo up || { echo "check-guest-bridge: cannot make namespace $ns" >&2; exit 1; }

# serve LOG [serve-args...]: the cloud in the namespace, until its exports are printed.
serve() {
    local log=$1
    shift
    # Not through a shell function: $! must be stratus itself (ip netns exec execs it).
    ip netns exec "$ns" "$bin" serve --port 0 --data-dir "$work/data" --driver qemu --hosts 1 --test-guest "$guest" \
        --admin-password "bridge-check-pw" --guest-bridge "$bridge" --shared-network-cidr 10.251.0.0/24 \
        "$@" >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do
        grep -q "^openstack token issue" "$log" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}
stop() {
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null
    pid=""
}
has_bridge() { ip -n "$ns" link show "$bridge" >/dev/null 2>&1; }

serve "$work/1.log" && has_bridge && grep -q "bridge $bridge made now, removed on a clean stop" "$work/1.log"
check $? "the start makes the bridge and its summary says it will go on a clean stop" "$(tail -20 "$work/1.log")"
stop
! has_bridge && grep -q "guest bridge $bridge removed" "$work/1.log"
check $? "a clean stop removes the bridge it made" "$(tail -3 "$work/1.log")"

serve "$work/2.log"
ip -n "$ns" link add guesttap0 type veth peer name guestpeer0 && ip -n "$ns" link set guesttap0 master "$bridge"
stop
has_bridge && grep -q "guest bridge $bridge kept: 1 guest interface(s) still on it (guesttap0)" "$work/2.log"
check $? "a bridge with a guest's interface on it is kept, and the log says why" "$(tail -3 "$work/2.log")"
ip -n "$ns" link del guesttap0
ip -n "$ns" link del "$bridge"

serve "$work/3.log" --keep-guest-bridge
stop
has_bridge && grep -q "kept (--keep-guest-bridge)" "$work/3.log"
check $? "--keep-guest-bridge keeps it" "$(tail -3 "$work/3.log")"

serve "$work/4.log" && grep -q "bridge $bridge already there, found at start, so left at stop" "$work/4.log"
check $? "a bridge there before the start is reported as found" "$(grep bridge "$work/4.log")"
stop
has_bridge
check $? "and left in place at stop" "$(tail -3 "$work/4.log")"

echo "check-guest-bridge: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
