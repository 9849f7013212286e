#!/usr/bin/env bash
# Issue 17: a controller and two QEMU hosts, each its own process in its own network
# namespace, driven by openstackclient. A management network joins all three (API and
# host protocol); a second network joins only the hosts and carries live migrations
# (the case study's isolated migration VLAN: the hosts have no route to it over the
# management network, so a migration that completes went over it). The hosts enroll
# with one-time join tokens and talk to the controller over mutual TLS.
#
#   sw (bridges mgmt0, mig0)
#    ├─ ctl   10.252.0.1   stratus serve --hosts 0 --host-listen 10.252.0.1:5001, openstack
#    ├─ h1    10.252.0.11  stratus agent node-1 --driver qemu, migration 10.253.0.11
#    └─ h2    10.252.0.12  stratus agent node-2 --driver qemu, migration 10.253.0.12
#
# PASS/FAIL per check; non-zero exit on any failure. Without root, qemu, the test guest
# or the OpenStack client venv it says SKIPPED, unless STRATUS_REQUIRE_QEMU_TESTS=1.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${STRATUS_BIN:-$root/.build/debug/stratus}
guest=${STRATUS_TEST_GUEST:-$root/.build/test-guest}
venv=${STRATUS_VENV:-$root/.venv}

missing=""
if [ "$(id -u)" -ne 0 ]; then
    missing="namespaces need root"
elif ! command -v qemu-system-x86_64 >/dev/null || ! command -v ip >/dev/null; then
    missing="qemu-system-x86_64 or ip (iproute2) not on PATH"
elif [ ! -s "$guest/vmlinuz" ]; then
    missing="no test guest in $guest (run scripts/build-test-guest.sh)"
elif [ ! -x "$venv/bin/openstack" ]; then
    missing="no openstack client in $venv (run scripts/venv.sh)"
fi
if [ -n "$missing" ]; then
    if [ "${STRATUS_REQUIRE_QEMU_TESTS:-}" = 1 ]; then
        echo "check-remote-hosts: FAILED: $missing, and STRATUS_REQUIRE_QEMU_TESTS=1" >&2
        exit 1
    fi
    echo "check-remote-hosts: SKIPPED: $missing"
    exit 0
fi

tag=$$
sw=sr-sw-$tag ctl=sr-ctl-$tag h1=sr-h1-$tag h2=sr-h2-$tag
work=$(mktemp -d "${TMPDIR:-/tmp}/stratus-remote.XXXXXX")
password=remote-hosts-check-pw
ctl_pid="" a1_pid="" a2_pid=""
passed=0
failed=0
cleanup() {
    for p in $a1_pid $a2_pid $ctl_pid; do kill "$p" 2>/dev/null; done
    for p in $a1_pid $a2_pid $ctl_pid; do wait "$p" 2>/dev/null; done
    # Guests outlive their agents on purpose: stop every QEMU this check started.
    pkill -KILL -f "$work/" 2>/dev/null
    for n in $h1 $h2 $ctl $sw; do ip netns del "$n" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
# check STATUS NAME DETAIL, written `check $? ...` so $? is read before DETAIL's $(...) runs.
check() {
    if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "PASS $2"; else failed=$((failed + 1)); echo "FAIL $2: $3"; fi
}
started=$SECONDS

# The namespaces and the two networks.
for n in $sw $ctl $h1 $h2; do ip netns add "$n" && ip -n "$n" link set lo up || exit 1; done
ip -n "$sw" link add mgmt0 type bridge && ip -n "$sw" link set mgmt0 up
ip -n "$sw" link add mig0 type bridge && ip -n "$sw" link set mig0 up
# link NS IFACE BRIDGE ADDRESS: a veth from NS's IFACE to the switch's BRIDGE.
link() {
    local peer="p$RANDOM"
    ip link add "$2-$tag" type veth peer name "$peer" || return 1
    ip link set "$2-$tag" netns "$1" && ip -n "$1" link set "$2-$tag" name "$2"
    ip link set "$peer" netns "$sw" && ip -n "$sw" link set "$peer" master "$3" up
    ip -n "$1" addr add "$4" dev "$2" && ip -n "$1" link set "$2" up
}
link "$ctl" mgmt mgmt0 10.252.0.1/24 && link "$h1" mgmt mgmt0 10.252.0.11/24 && link "$h2" mgmt mgmt0 10.252.0.12/24 \
    && link "$h1" mig mig0 10.253.0.11/24 && link "$h2" mig mig0 10.253.0.12/24
check $? "a management network (controller and hosts) and a migration network (hosts only), each in namespaces of this check" "see above"

# The controller.
# --driver qemu --hosts 0: no host of its own, but the test guest imported as images.
ip netns exec "$ctl" "$bin" serve --host 10.252.0.1 --port 5000 --hosts 0 --driver qemu --test-guest "$guest" \
    --host-listen 10.252.0.1:5001 --data-dir "$work/ctl" --admin-password "$password" >"$work/ctl.log" 2>&1 &
ctl_pid=$!
for _ in $(seq 1 300); do grep -q "^openstack token issue" "$work/ctl.log" && break; sleep 0.2; done
grep -q "^openstack token issue" "$work/ctl.log"
check $? "the controller serves the API and the host listener on the management network" "$(tail -5 "$work/ctl.log")"

os() {
    ip netns exec "$ctl" env OS_AUTH_URL=http://10.252.0.1:5000/identity/v3 OS_USERNAME=admin OS_PASSWORD="$password" \
        OS_PROJECT_NAME=admin OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_IDENTITY_API_VERSION=3 \
        OS_COMPUTE_API_VERSION=2.74 timeout 60 "$venv/bin/openstack" "$@"
}
token() { "$bin" admin join-token create --data-dir "$work/ctl" --ttl 600 --description "$1" | tail -1; }
# agent NS NAME ADDRESS [args...]: starts NAME's agent in NS; sets $agent_pid.
agent() {
    local ns=$1 name=$2 address=$3
    shift 3
    ip netns exec "$ns" "$bin" agent --controller https://10.252.0.1:5001 --ca-cert "$work/ctl/migration-ca/ca-cert.pem" \
        --host-name "$name" --data-dir "$work/$name" --driver qemu --test-guest "$guest" \
        --migration-address "$address" --heartbeat-interval 2 "$@" >>"$work/$name.log" 2>&1 &
    agent_pid=$!
}
token1=$(token node-1)
agent "$h1" node-1 10.253.0.11 --join-token "$token1"
a1_pid=$agent_pid
agent "$h2" node-2 10.253.0.12 --join-token "$(token node-2)"
a2_pid=$agent_pid

services() { os compute service list -f value -c Host -c State 2>&1; }
for _ in $(seq 1 60); do [ "$(services | grep -c ' up$')" -eq 2 ] && break; sleep 1; done
out=$(services)
[ "$(echo "$out" | grep -c ' up$')" -eq 2 ] && echo "$out" | grep -q "node-1 up" && echo "$out" | grep -q "node-2 up"
check $? "both agents enrolled with a join token and show up" "$out $(tail -3 "$work/node-1.log")"

out=$(ip netns exec "$h1" timeout 30 "$bin" agent --controller https://10.252.0.1:5001 \
    --ca-cert "$work/ctl/migration-ca/ca-cert.pem" --host-name node-3 --data-dir "$work/node-3" --join-token "$token1" 2>&1)
rc=$?
[ $rc -ne 0 ] && [[ $out == *"already been used"* ]] && "$bin" admin join-token list --data-dir "$work/ctl" | grep -q node-1
check $? "a used join token is refused, and the token list names the host it enrolled" "rc=$rc: $out"

image=stratus-test-guest
# wait_status ID STATUS: the server's status becomes STATUS within 180 s.
wait_status() {
    local s=""
    for _ in $(seq 1 180); do
        s=$(os server show "$1" -f value -c status 2>&1)
        [ "$s" = "$2" ] && return 0
        [ "$s" = ERROR ] && break
        sleep 1
    done
    echo "server $1 is $s, not $2: $(os server show "$1" -f value -c fault 2>&1 | head -c 400)" >&2
    return 1
}
host_of() { os server show "$1" -f value -c OS-EXT-SRV-ATTR:host; }
qemu_of() { ip netns exec "$1" pgrep -f "$work/$2/qemu/instances/$3/" | head -1; }

id=$(os server create --image "$image" --flavor 1 --nic none --host node-1 -f value -c id remote-1 2>"$work/err")
wait_status "$id" ACTIVE 2>>"$work/err" && [ "$(host_of "$id")" = node-1 ] && [ -n "$(qemu_of "$h1" node-1 "$id")" ]
check $? "a server created through openstackclient runs on node-1 under QEMU" "$(cat "$work/err")"

console=$(os console log show "$id" 2>&1)
[[ $console == *STRATUS-GUEST-READY* ]]
check $? "the console of a guest on node-1 reaches openstackclient through a host request" "$(tail -c 300 <<<"$console")"

os server stop "$id" && wait_status "$id" SHUTOFF 2>"$work/err" && [ -z "$(qemu_of "$h1" node-1 "$id")" ] \
    && os server start "$id" && wait_status "$id" ACTIVE 2>>"$work/err" && [ -n "$(qemu_of "$h1" node-1 "$id")" ]
check $? "stop and start reach the remote host" "$(cat "$work/err")"

os server migrate --live-migration --host node-2 --wait "$id" >"$work/err" 2>&1
wait_status "$id" ACTIVE 2>>"$work/err" && [ "$(host_of "$id")" = node-2 ] && [ -n "$(qemu_of "$h2" node-2 "$id")" ] \
    && [ -z "$(qemu_of "$h1" node-1 "$id")" ]
check $? "live migration over TLS moves the guest from node-1 to node-2 over the migration network" "$(cat "$work/err"; tail -5 "$work/node-1.log")"

last_tick() { os console log show "$id" 2>/dev/null | grep -o 'tick [0-9]*' | tail -1 | cut -d' ' -f2; }
first=$(last_tick)
sleep 3
second=$(last_tick)
[ -n "$first" ] && [ -n "$second" ] && [ "$second" -gt "$first" ]
check $? "after the migration the guest ticks on in node-2's console (tick $first → $second)" "$(os console log show "$id" 2>&1 | tail -3)"

snapshot=$(os server image create --name remote-snap --wait -f json "$id" 2>"$work/err" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' 2>>"$work/err")
[ -n "$snapshot" ] && [ "$(os image show "$snapshot" -f value -c status)" = active ] \
    && [ "$(os image show "$snapshot" -f value -c size)" -gt 1000000 ]
check $? "a snapshot taken on node-2 uploads the guest's disk over the host protocol" "$(cat "$work/err")"

booted=$(os server create --image "$snapshot" --flavor 1 --nic none --host node-1 -f value -c id from-snap 2>"$work/err")
wait_status "$booted" ACTIVE 2>>"$work/err"
check $? "the snapshot boots on node-1, which fetched it over the host protocol" "$(cat "$work/err")"

# kill -9 of node-1's agent: its guest goes on; the restarted agent adopts it (same pid).
before=$(qemu_of "$h1" node-1 "$booted")
kill -KILL "$a1_pid"
wait "$a1_pid" 2>/dev/null
killed_at=$SECONDS
sleep 2
[ -n "$before" ] && [ "$(qemu_of "$h1" node-1 "$booted")" = "$before" ]
check $? "kill -9 of an agent leaves its guest running" "before=$before now=$(qemu_of "$h1" node-1 "$booted")"

# Meanwhile node-2's link is cut while its server is deleted: not gone until node-2 confirms.
ip -n "$h2" link set mgmt down
os server delete "$id"
sleep 30
state=$(os server show "$id" -f value -c status -c OS-EXT-STS:task_state 2>&1 | tr '\n' ' ')
[ -n "$(qemu_of "$h2" node-2 "$id")" ] && [[ $state == *deleting* ]]
check $? "a delete while node-2 is cut off for 30 s stays in progress; its guest still runs" "$state"
ip -n "$h2" link set mgmt up
gone=1
for _ in $(seq 1 60); do
    os server show "$id" >/dev/null 2>&1 || { gone=0; break; }
    sleep 1
done
[ $gone -eq 0 ] && [ -z "$(qemu_of "$h2" node-2 "$id")" ]
check $? "once node-2 is back, it destroys the guest and the server is gone" "$(os server show "$id" -f value -c status 2>&1)"

# Nova's service_down_time is 60 s; the last heartbeat came at most 2 s before the kill.
down_after=""
while [ $((SECONDS - killed_at)) -le 90 ]; do
    [[ $(services) == *"node-1 down"* ]] && { down_after=$((SECONDS - killed_at)); break; }
    sleep 2
done
[ -n "$down_after" ] && [ "$down_after" -ge 55 ]
check $? "node-1 shows down after the service down time (60 s; here after ${down_after:-?} s)" "$(services)"

agent "$h1" node-1 10.253.0.11
a1_pid=$agent_pid
for _ in $(seq 1 60); do [[ $(services) == *"node-1 up"* ]] && break; sleep 1; done
sleep 4
[ "$(qemu_of "$h1" node-1 "$booted")" = "$before" ] && [ "$(ip netns exec "$h1" pgrep -fc "$work/node-1/qemu/instances/$booted/")" -eq 1 ] \
    && [ "$(os server show "$booted" -f value -c status)" = ACTIVE ]
check $? "the restarted agent (its stored certificate, no token) re-adopts the guest: same pid, no second QEMU" \
    "before=$before now=$(qemu_of "$h1" node-1 "$booted")"

os server delete --wait "$booted" >"$work/err" 2>&1
left=$(ip netns exec "$h1" pgrep -f "$work/node-1/qemu/instances/"; ip netns exec "$h2" pgrep -f "$work/node-2/qemu/instances/"; \
    find "$work/node-1/qemu/instances" "$work/node-2/qemu/instances" -mindepth 1 -maxdepth 1)
[ -z "$left" ]
check $? "after the deletes no QEMU and no guest folder is left on either host" "$left $(cat "$work/err")"

echo "check-remote-hosts: $passed passed, $failed failed ($((SECONDS - started)) s)"
[ "$failed" -eq 0 ]
