#!/usr/bin/env bash
# Issue 6 acceptance through the OpenStack API: `stratus serve --driver qemu` with real
# QEMU guests (the test guest of scripts/build-test-guest.sh), driven by the real
# openstack client, one small guest at a time:
#   1. a flavor with hw_rng:allowed (and a rate limit); server create --wait ends ACTIVE
#      with the ready marker already on the console, then a real `hwrng: <hex>` line
#   2. stop/start, soft and hard reboot, pause/unpause, each seen in the console and in
#      the guest's qemu process
#   3. kill -9 of the guest's qemu → SHUTOFF within one reconcile interval (+ margin)
#   4. kill -9 of stratus, restart on the same data dir → the guest is re-adopted;
#      then a live migration over TLS to the other host: the guest keeps ticking and
#      its console keeps what it showed before the move; and a resize to a bigger
#      flavor with its confirm
#   5. delete → no qemu process, QMP socket, pid file or instance folder left
#   6. figures: create→ACTIVE versus a bare qemu boot of the same guest, the guest's
#      RSS, the time to SHUTOFF after kill -9
# PASS/FAIL per check; non-zero exit on any failure. Without qemu-system-x86_64 or the
# test guest it says SKIPPED and exits 0, unless STRATUS_REQUIRE_QEMU_TESTS=1 (CI).
#
# Knobs: STRATUS_TEST_GUEST (default .build/test-guest), QEMU_ACCEPT_MARGIN (seconds
# allowed beyond the reconcile interval for kill -9 detection, default 3).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
guest=${STRATUS_TEST_GUEST:-$root/.build/test-guest}
qemu=$(command -v qemu-system-x86_64 || true)

missing=""
if [ -z "$qemu" ]; then
    missing="qemu-system-x86_64 not on PATH (apt-get install qemu-system-x86 qemu-utils)"
elif [ ! -s "$guest/vmlinuz" ] || [ ! -s "$guest/initrd.gz" ]; then
    missing="no test guest in $guest (run scripts/build-test-guest.sh)"
fi
if [ -n "$missing" ]; then
    if [ "${STRATUS_REQUIRE_QEMU_TESTS:-}" = 1 ]; then
        echo "qemu-acceptance: FAILED: $missing, and STRATUS_REQUIRE_QEMU_TESTS=1" >&2
        exit 1
    fi
    echo "qemu-acceptance: SKIPPED: $missing"
    exit 0
fi

# The guests' QMP sockets live under <data>/qemu/<host>/instances/<uuid>/ and a socket
# path must fit in 107 bytes: a short temp dir (/tmp/sqa.XXXXXX/data, 20 characters).
export TMPDIR=/tmp STRATUS_TMP_PREFIX=sqa
serve_args=(--driver qemu --hosts 2 --test-guest "$guest")

# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin qemu-acceptance "${serve_args[@]}"
data=$STRATUS_TMP/data
helper=$root/scripts/lib/qemu_accept.py

# The agent's pass runs at least every resyncInterval (HostAgent.run waits for work at
# most min(resyncInterval, heartbeatInterval)); read from the source so a change there
# moves the bound here.
interval=$(sed -n 's/.*resyncInterval: Duration = \.seconds(\([0-9]*\)).*/\1/p' \
    "$root/Sources/StratusAgent/HostAgent.swift" | head -n 1)
interval=${interval:-2}
margin=${QEMU_ACCEPT_MARGIN:-3}

# ---- helpers -------------------------------------------------------------------------

bare_dir=""
bare_pid=""
# Guests outlive the server by design (-daemonize): end the ones this run's server
# started (their command lines name our temp dir), and the bare boot, by pid.
end_guests() {
    local pid
    if [ -n "${STRATUS_TMP:-}" ]; then
        for pid in $(qemu_pids "$STRATUS_TMP"); do kill -9 "$pid" 2>/dev/null; done
    fi
    if [ -n "$bare_pid" ]; then kill -9 "$bare_pid" 2>/dev/null; wait "$bare_pid" 2>/dev/null; fi
    if [ -n "$bare_dir" ]; then rm -rf "$bare_dir"; fi
}
trap 'rc=$?; end_guests; (exit $rc); finish' EXIT

now() { echo "$EPOCHREALTIME"; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
at_most() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

# qemu_pids TEXT: pids of running qemu-system processes whose command line contains TEXT.
qemu_pids() {
    local dir argv0
    for dir in /proc/[0-9]*; do
        argv0=$(tr '\0' '\n' 2>/dev/null <"$dir/cmdline" | head -n 1)
        [[ ${argv0##*/} == qemu-system-* ]] || continue
        tr '\0' ' ' 2>/dev/null <"$dir/cmdline" | grep -qF -- "$1" || continue
        alive "${dir#/proc/}" && echo "${dir#/proc/}"
    done
}
# alive PID: running and not a zombie.
alive() {
    [ -n "$1" ] && kill -0 "$1" 2>/dev/null &&
        [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]
}
cmdline() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline"; }
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }

issue_token() {
    as_admin token issue -f value -c id && token=$out
}
# wait_api STATUS[,STATUS] TIMEOUT: polls the API (0.1 s) for the server's status;
# sets reached and waited (seconds).
wait_api() {
    local result rc
    result=$("$py" "$helper" wait "$STRATUS_URL" "$token" "$server" "$1" "$2")
    rc=$?
    reached=${result% *}
    waited=${result#* }
    return "$rc"
}
# console: `openstack console log show` into $console (CRs dropped).
console() {
    as_admin console log show "$server"
    local rc=$?
    console=${out//$'\r'/}
    return "$rc"
}
boots() { grep -c STRATUS-GUEST-READY <<<"$console"; }
# The "tick N" numbers since the last ready marker, one a line.
ticks_since_boot() {
    awk '/STRATUS-GUEST-READY/ { n = 0; delete t } /^tick [0-9]+/ { t[++n] = $2 }
         END { for (i = 1; i <= n; i++) print t[i] }' <<<"$console"
}
last_tick() { ticks_since_boot | tail -n 1; }
# What the console shows between the last two ready markers (the end of the last boot).
before_last_boot() {
    awk '/STRATUS-GUEST-READY/ { prev = cur; cur = "" ; next } { cur = cur $0 "\n" }
         END { printf "%s", prev }' <<<"$console"
}
# wait_ticks_above N SECONDS: until a tick above N shows since the last boot.
wait_ticks_above() {
    local deadline=$((SECONDS + $2)) tick
    while [ "$SECONDS" -lt "$deadline" ]; do
        console
        tick=$(last_tick)
        if [ -n "$tick" ] && [ "$tick" -gt "$1" ]; then return 0; fi
        sleep 1
    done
    return 1
}
guest_pid() { cat "$instance_dir/qemu.pid" 2>/dev/null | tr -d '[:space:]'; }
one_line() { tr '\n' ' ' <<<"$1" | cut -c1-300; }

# ---- 1. create with a hardware RNG ---------------------------------------------------

as_admin flavor create --ram 96 --vcpus 1 --disk 1 --property hw_rng:allowed=true \
    --property hw_rng:rate_bytes=2048 --property hw_rng:rate_period=1000 accept.rng -f json
[[ $(field properties) == *"hw_rng:allowed"* && $(field properties) == *"hw_rng:rate_bytes"* ]]
check $? "flavor accept.rng with hw_rng:allowed=true and a rate limit" "got: $out"

as_admin image list -f value -c Name -c Status
grep -qx 'stratus-test-guest active' <<<"$out"
check $? "the test guest is imported as image stratus-test-guest" "got: $(one_line "$out")"

issue_token
check $? "token issue" "got: $out"

# Watches the API in the background: when the server is first listed (≈ the POST),
# when it is first ACTIVE, and its console at that very moment.
watch_file=$STRATUS_TMP/watch.json
"$py" "$helper" watch "$STRATUS_URL" "$token" accept-vm 300 "$watch_file" &
watcher=$!
create_started=$(now)
as_admin server create --image stratus-test-guest --flavor accept.rng --wait accept-vm -f json
create_rc=$?
create_cli=$(seconds_between "$create_started" "$(now)")
server=$(field id)
[[ $create_rc -eq 0 && $(field status) == ACTIVE && -n $server ]]
check $? "server create --wait → ACTIVE (${create_cli}s with the CLI)" "rc $create_rc, got: $out"
wait "$watcher"
if [ -z "$server" ]; then
    fail "no server to go on with"
    compat_end
fi
read -r seen active watched_console < <("$py" -c '
import json, sys
w = json.load(open(sys.argv[1]))
ready = "STRATUS-GUEST-READY" in (w.get("console") or "")
print(w.get("seen") or "-", w.get("active") or "-", "ready" if ready else "not-ready")' "$watch_file")
create_api=""
[[ $seen != - && $active != - ]] && create_api=$(seconds_between "$seen" "$active")
[[ $watched_console == ready ]]
check $? "the console already shows STRATUS-GUEST-READY the moment the API first says ACTIVE" \
    "console then: $(cut -c1-300 "$watch_file")"

console
[[ $console == *STRATUS-GUEST-READY* ]]
check $? "console log show right after create --wait has the ready marker" "got: $(one_line "$console")"

hwrng=""
for _ in $(seq 1 20); do
    hwrng=$(grep -Eo 'hwrng: ([0-9a-f]{32}|none)' <<<"$console" | tail -n 1)
    [ -n "$hwrng" ] && break
    sleep 1
    console
done
[[ $hwrng =~ ^hwrng:\ [0-9a-f]{32}$ ]]
check $? "the guest reads its virtio-rng: '$hwrng'" "got: $(one_line "$console")"

instance_dir=$(ls -d "$data"/qemu/*/instances/"$server" 2>/dev/null | head -n 1)
pid=$(guest_pid)
[[ -n $instance_dir && -n $pid ]] && alive "$pid" && [[ $(cmdline "$pid") == *"$server"* ]] &&
    [[ $(qemu_pids "$server") == "$pid" ]]
check $? "exactly one qemu for the server (pid $pid from its pid file, command line names it)" \
    "dir '$instance_dir', pid '$pid', qemu pids: $(qemu_pids "$server" | paste -sd' ')"
[[ $(cmdline "$pid") == *"virtio-rng-pci,rng=rng0,max-bytes=2048,period=1000"* ]]
check $? "its qemu has the flavor's rate-limited virtio-rng device" "cmdline: $(cmdline "$pid")"
rss=$(rss_mib "$pid")

# ---- 2. stop/start, reboots, pause/unpause -------------------------------------------

wait_ticks_above 1 20
check $? "the guest ticks" "got: $(one_line "$console")"

as_admin server stop "$server" && wait_api SHUTOFF 120
check $? "server stop → SHUTOFF (${waited}s after the CLI returned)" "status $reached, $err"
! alive "$pid"
check $? "its qemu is gone once SHUTOFF" "pid $pid still runs: $(cmdline "$pid")"
console
ticks_stopped=$(last_tick)
sleep 3
console
[[ -n $ticks_stopped && $(last_tick) == "$ticks_stopped" && $console == *"reboot: Power down"* ]]
check $? "SHUTOFF: the guest powered off (ACPI) and its ticks stopped at $ticks_stopped" \
    "now $(last_tick): $(one_line "$(tail -n 5 <<<"$console")")"

boots_before=$(boots)
start_started=$(now)
as_admin server start "$server" && wait_api ACTIVE 180
start_cli=$(seconds_between "$start_started" "$(now)")
check $? "server start → ACTIVE (${start_cli}s with the CLI)" "status $reached, $err"
wait_ticks_above 0 20 && [[ $(boots) -eq $((boots_before + 1)) ]]
check $? "after start the guest booted once more and ticks again" \
    "boots $boots_before → $(boots): $(one_line "$(tail -n 5 <<<"$console")")"
pid_before=$(guest_pid)

boots_before=$(boots)
as_admin server reboot --soft --wait "$server" && console &&
    [[ $(boots) -eq $((boots_before + 1)) && $(before_last_boot) == *"reboot: Power down"* ]]
check $? "soft reboot: the guest powers itself off (ACPI) and boots again" \
    "boots $boots_before → $(boots), $err: $(one_line "$(before_last_boot | tail -n 3)")"
[[ $(guest_pid) != "$pid_before" ]] && ! alive "$pid_before"
check $? "soft reboot: a fresh qemu (pid $pid_before → $(guest_pid))" "old pid alive"

boots_before=$(boots)
as_admin server reboot --hard --wait "$server" && console &&
    [[ $(boots) -eq $((boots_before + 1)) && $(before_last_boot) != *"reboot: Power down"* ]]
check $? "hard reboot: the guest boots again without an ACPI power-off" \
    "boots $boots_before → $(boots), $err: $(one_line "$(before_last_boot | tail -n 3)")"

wait_ticks_above 1 20
pid=$(guest_pid)
as_admin server pause "$server" && wait_api PAUSED 60
check $? "server pause → PAUSED" "status $reached, $err"
console
paused_at=$(last_tick)
sleep 4
console
[[ -n $paused_at && $(last_tick) == "$paused_at" ]] && alive "$pid"
check $? "PAUSED: qemu $pid still there, ticks stay at $paused_at for 4 s" "now $(last_tick)"

boots_before=$(boots)
as_admin server unpause "$server" && wait_api ACTIVE 60
check $? "server unpause → ACTIVE" "status $reached, $err"
wait_ticks_above "$paused_at" 20 &&
    [[ $(ticks_since_boot | awk -v a="$paused_at" 'prev == a { print; exit } { prev = $1 }') == $((paused_at + 1)) ]] &&
    [[ $(boots) -eq $boots_before && $(guest_pid) == "$pid" ]]
check $? "unpause: ticks resume at $((paused_at + 1)), same boot, same qemu" \
    "ticks: $(ticks_since_boot | tail -n 4 | paste -sd' '), boots $boots_before → $(boots)"

# ---- 3. kill -9 of the guest's qemu → SHUTOFF ----------------------------------------

pid=$(guest_pid)
[[ -n $pid && $(cmdline "$pid") == *"guest=$server"* ]]
check $? "the guest's qemu found by its pid file, named by the instance id" "pid '$pid': $(cmdline "$pid")"
limit=$((interval + margin))
kill -9 "$pid"
killed_at=$(now)
wait_api SHUTOFF $((limit + 30))
shutoff_after=$(seconds_between "$killed_at" "$(now)")
[[ $reached == SHUTOFF ]] && at_most "$shutoff_after" "$limit"
check $? "kill -9 qemu → SHUTOFF in ${shutoff_after}s (reconcile interval ${interval}s, limit ${limit}s)" \
    "status $reached after ${shutoff_after}s"
as_admin server show "$server" -f json
[[ $(field status) == SHUTOFF && $(field OS-EXT-STS:power_state) == 4 && $(field OS-EXT-STS:vm_state) == stopped ]]
check $? "server show: SHUTOFF, vm_state stopped, power_state 4 (shutdown)" "got: $(one_line "$out")"

boots_before=$(boots)
as_admin server start "$server" && wait_api ACTIVE 180 && wait_ticks_above 1 20 &&
    [[ $(boots) -eq $((boots_before + 1)) ]]
check $? "server start after the crash boots it again" "status $reached, boots $boots_before → $(boots) $err"

# ---- 4. kill -9 of stratus, restart, re-adoption -------------------------------------

pid=$(guest_pid)
boots_before=$(boots)
tick_before=$(last_tick)
kill -9 "$STRATUS_PID"
wait "$STRATUS_PID" 2>/dev/null
alive "$pid"
check $? "the guest's qemu $pid survives kill -9 of stratus" "gone"
if stratus_launch "${serve_args[@]}"; then
    pass "stratus restarts on the same data dir"
else
    fail "stratus restarts on the same data dir" "see the server log"
    compat_end
fi
issue_token
# A few agent passes on the restarted server.
sleep $((2 * interval + 1))
as_admin server show "$server" -f json
[[ $(field status) == ACTIVE && $(field OS-EXT-STS:power_state) == 1 ]]
check $? "after the restart the server is still ACTIVE (running)" "got: $(one_line "$out")"
[[ $(qemu_pids "$server") == "$pid" && $(guest_pid) == "$pid" ]]
check $? "re-adopted: exactly one qemu for the server, the same pid $pid" \
    "qemu pids: $(qemu_pids "$server" | paste -sd' '), pid file $(guest_pid)"
[[ $(qemu_pids "$STRATUS_TMP") == "$pid" ]]
check $? "no orphan qemu processes under the data dir" "qemu pids: $(qemu_pids "$STRATUS_TMP" | paste -sd' ')"
wait_ticks_above "$tick_before" 20 && [[ $(boots) -eq $boots_before ]]
check $? "its ticks went on from $tick_before (not rebooted)" \
    "ticks $(ticks_since_boot | tail -n 3 | paste -sd' '), boots $boots_before → $(boots)"
rss_readopted=$(rss_mib "$pid")
accel=$("$py" -c 'import json, sys
a = json.load(open(sys.argv[1]))["arguments"]
print(a[a.index("-accel") + 1])' "$instance_dir/launch.json" 2>/dev/null)

# ---- 4b. live migration over TLS ------------------------------------------------------

# The running guest moves to the other host: the database switches hosts only after
# QEMU reported the transfer, the guest keeps ticking (no new boot), one qemu remains,
# on the destination, and the source keeps nothing. The console goes on where it was:
# the destination shows what the guest wrote on the source (its boots, its last tick),
# then its new ticks, none lost at the seam. Both hosts hold certificates from the
# cloud's own CA (<data>/migration-ca), which the stream's TLS verifies.
check_live_migration() {
    local source target pid_before tick_before boots_before started new_pid source_dir target_dir
    as_admin server show "$server" -f value -c OS-EXT-SRV-ATTR:host
    source=$out
    target=qemu-1
    [ "$source" = qemu-1 ] && target=qemu-2
    source_dir=$data/qemu/$source/instances/$server
    target_dir=$data/qemu/$target/instances/$server
    openssl verify -CAfile "$data/migration-ca/ca-cert.pem" "$data/qemu/$target/pki/server-cert.pem" \
        "$data/qemu/$source/pki/client-cert.pem" >/dev/null 2>&1 &&
        [ "$(stat -c %a "$data/qemu/$target/pki/server-key.pem")" = 600 ]
    check $? "both hosts hold migration certificates from the cloud's CA (keys 0600)" \
        "$(ls -l "$data/qemu/$target/pki" 2>&1 | tr '\n' ' ')"
    console
    pid_before=$(guest_pid)
    tick_before=$(last_tick)
    boots_before=$(boots)
    started=$(now)
    as_admin --os-compute-api-version 2.30 server migrate --live-migration --host "$target" "$server" &&
        wait_api ACTIVE 180
    migrate_seconds=$(seconds_between "$started" "$(now)")
    as_admin server show "$server" -f value -c OS-EXT-SRV-ATTR:host
    [[ $reached == ACTIVE && $out == "$target" ]]
    check $? "server migrate --live-migration --host $target → ACTIVE on $target (${migrate_seconds}s)" \
        "status $reached, host $out, $err"
    instance_dir=$target_dir  # what the delete checks below look at
    new_pid=$(guest_pid)
    pid=$new_pid
    [[ -n $new_pid && $(qemu_pids "$server") == "$new_pid" && $new_pid != "$pid_before" ]] && ! alive "$pid_before"
    check $? "one qemu for the server, now $target's (pid $pid_before → $new_pid)" \
        "qemu pids: $(qemu_pids "$server" | paste -sd' ')"
    for _ in $(seq 1 $((2 * interval + 2))); do [ -e "$source_dir" ] || break; sleep 1; done
    [ ! -e "$source_dir" ]
    check $? "the source ($source) keeps no folder, socket or disk for it" "found: $(ls "$source_dir" 2>&1 | paste -sd' ')"
    wait_ticks_above "$tick_before" 20
    [[ -n $tick_before && $boots_before -ge 1 && $(boots) -eq $boots_before ]] &&
        [[ $(ticks_since_boot | grep -cx "$tick_before") -ge 1 ]]
    check $? "after the migration the console still shows the lines from before it ($boots_before boot(s), tick $tick_before)" \
        "boots $boots_before → $(boots), ticks since the last boot: $(ticks_since_boot | paste -sd' ' | cut -c1-200)"
    [[ $(last_tick) -gt $tick_before ]] &&
        ticks_since_boot | awk 'NR > 1 && $1 != prev + 1 { gap = 1 } { prev = $1 } END { exit gap }'
    check $? "the guest kept running: $target's console goes on from tick $tick_before, no new boot, no tick lost" \
        "ticks since the last boot: $(ticks_since_boot | paste -sd' ' | cut -c1-300)"
    as_admin --os-compute-api-version 2.59 server migration list --server "$server" -f value -c Status -c Type
    [[ $out == *"completed live-migration"* ]]
    check $? "server migration list: a completed live-migration" "got: $(one_line "$out") $err"
}
check_live_migration

# ---- 4c. resize: the guest at its new size, the original kept until confirmed --------

# Resize (and cold migration) boot the guest anew at the new size, as Nova's do; the
# original waits powered off for a revert and goes at the confirm.
check_resize() {
    local old_pid=$pid old_dir=$instance_dir export_pid
    as_admin flavor create --ram 128 --vcpus 1 --disk 1 --property hw_rng:allowed=true accept.rng128 -f json
    as_admin server resize --flavor accept.rng128 --wait "$server"
    as_admin server show "$server" -f json
    [[ $(field status) == VERIFY_RESIZE ]]
    check $? "server resize --flavor accept.rng128 → VERIFY_RESIZE" "got: $(one_line "$out") $err"
    instance_dir=$(ls -d "$data"/qemu/"$(field OS-EXT-SRV-ATTR:host)"/instances/"$server" 2>/dev/null | head -n 1)
    pid=$(guest_pid)
    [[ -n $pid && $(cmdline "$pid") == *" -m 128 "* ]] && ! alive "$old_pid"
    check $? "the resized guest runs with 128 MiB (qemu $pid), the original is off" "cmdline: $(cmdline "$pid")"
    if [[ $old_dir != "$instance_dir" ]]; then
        export_pid=$(tr -d '[:space:]' <"$old_dir/disk-export.pid" 2>/dev/null)
        alive "$export_pid" && [[ $(cmdline "$export_pid") == *qemu-nbd*--read-only*--tls-creds* ]]
        check $? "the source serves the original's disk read-only over TLS (qemu-nbd $export_pid)" \
            "pid '$export_pid': $(cmdline "$export_pid")"
    fi
    as_admin server resize confirm "$server" && wait_api ACTIVE 60
    check $? "server resize confirm → ACTIVE" "status $reached, $err"
    for _ in $(seq 1 $((2 * interval + 2))); do [[ $(ls -d "$data"/qemu/*/instances/"$server" 2>/dev/null | wc -l) -eq 1 ]] && break; sleep 1; done
    [[ $(qemu_pids "$server") == "$pid" && $(ls -d "$data"/qemu/*/instances/"$server" 2>/dev/null | wc -l) -eq 1 ]]
    check $? "after the confirm one qemu and one folder remain" \
        "qemu pids: $(qemu_pids "$server" | paste -sd' '), folders: $(ls -d "$data"/qemu/*/instances/"$server" 2>&1 | paste -sd' ')"
    [[ -z $export_pid ]] || ! alive "$export_pid"
    check $? "after the confirm the source's export is gone" "qemu-nbd $export_pid still runs"
}
check_resize

# ---- 5. delete leaves nothing ---------------------------------------------------------

as_admin server delete --wait "$server"
check $? "server delete --wait" "$err"
as_admin server show "$server"
[[ $? -ne 0 && ${err,,} == *"no server"* ]]
check $? "the server is gone" "got: $(one_line "$out") $err"
! alive "$pid" && [[ -z $(qemu_pids "$server") ]]
check $? "no qemu process left for it" "qemu pids: $(qemu_pids "$server" | paste -sd' ')"
leftovers=$(find "$data/qemu" \( -name qmp.sock -o -name qemu.pid -o -name "$server" \) 2>/dev/null)
[[ ! -e $instance_dir/qmp.sock && ! -e $instance_dir/qemu.pid && ! -e $instance_dir && -z $leftovers ]]
check $? "no QMP socket, pid file or instance folder left" "found: $leftovers $(ls -la "$instance_dir" 2>&1)"
[[ -z $(qemu_pids "$STRATUS_TMP") ]]
check $? "no qemu process at all under the data dir" "qemu pids: $(qemu_pids "$STRATUS_TMP" | paste -sd' ')"

# ---- 6. figures: bare qemu boots of the same guest ------------------------------------

# qemu.md's command line, as QEMUCommandLine builds it (same acceleration, memory and
# rate-limited virtio-rng), minus QMP and -daemonize. One boot is noise on these shared
# cores: three, one at a time, and their median.
accel_args=(-accel "${accel:-tcg,tb-size=16}")
[[ ${accel:-} == kvm ]] && accel_args+=(-cpu host)
# bare_boot_once: sets bare_boot (seconds to the ready marker, empty on failure) and rss_bare.
bare_boot_once() {
    bare_dir=$(mktemp -d /tmp/sqb.XXXXXX)
    local started
    started=$(now)
    "$qemu" "${accel_args[@]}" -nodefaults -m 96 -smp 1 -display none -monitor none -nic none -no-reboot \
        -kernel "$guest/vmlinuz" -initrd "$guest/initrd.gz" \
        -append "console=ttyS0 panic=-1 quiet no_timer_check" \
        -object rng-random,id=rng0,filename=/dev/urandom \
        -device virtio-rng-pci,rng=rng0,max-bytes=2048,period=1000 \
        -serial "file:$bare_dir/console.log" </dev/null >"$bare_dir/qemu.log" 2>&1 &
    bare_pid=$!
    bare_boot=""
    while [ "$(seconds_between "$started" "$(now)" | cut -d. -f1)" -lt 120 ] && alive "$bare_pid"; do
        if grep -q STRATUS-GUEST-READY "$bare_dir/console.log" 2>/dev/null; then
            bare_boot=$(seconds_between "$started" "$(now)")
            break
        fi
        sleep 0.05
    done
    rss_bare=$(rss_mib "$bare_pid")
    kill -9 "$bare_pid" 2>/dev/null
    wait "$bare_pid" 2>/dev/null
    bare_pid=""
    bare_failure="$(cat "$bare_dir/qemu.log") $(tail -n 3 "$bare_dir/console.log" 2>/dev/null)"
    rm -rf "$bare_dir"
    bare_dir=""
}
bare_boots=()
for _ in 1 2 3; do
    bare_boot_once
    [[ -n $bare_boot ]] || break
    bare_boots+=("$bare_boot")
done
[[ ${#bare_boots[@]} -eq 3 ]]
check $? "three bare qemu-system-x86_64 boots of the same guest reach the ready marker" "$bare_failure"
bare_median=""
if [[ ${#bare_boots[@]} -gt 0 ]]; then
    bare_median=$(printf '%s\n' "${bare_boots[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
fi

overhead=""
if [[ -n $create_api && -n $bare_median ]]; then
    overhead=$(awk -v a="$create_api" -v b="$bare_median" 'BEGIN { printf "%+.0f", (a - b) / b * 100 }')
fi
echo "---- figures (noisy: 2 shared cores, acceleration ${accel:-unknown}) ----"
echo "create → ACTIVE (ready), API, listed → ACTIVE:  ${create_api:-n/a} s"
echo "create --wait, whole openstack CLI call:        ${create_cli} s"
echo "bare qemu boot to the ready marker, median:    ${bare_median:-n/a} s (${bare_boots[*]:-none})"
echo "API overhead over the bare boot:               ${overhead:-n/a} %"
echo "  (the API figure includes the scheduler pass, the image cache and, on a first create,"
echo "   the acceleration probe; server start → ACTIVE took ${start_cli} s with the CLI)"
echo "guest qemu RSS: ${rss:-n/a} MiB after boot, ${rss_readopted:-n/a} MiB re-adopted, bare ${rss_bare:-n/a} MiB"
echo "kill -9 qemu → SHUTOFF:                        ${shutoff_after} s (interval ${interval} s)"
echo "live migration over TLS, CLI call → ACTIVE there: ${migrate_seconds:-n/a} s"

compat_end
