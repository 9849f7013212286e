#!/usr/bin/env bash
# Tempest with "instance validation" on: tests that log in to their guests over SSH
# (`hostname`, `/proc/cpuinfo`), against a Stratus of real QEMU guests whose NICs join a
# bridge on this machine, so tempest reaches them on their fixed addresses
# (connect_method = fixed; devstack's flat network, without floating IPs).
#
#   scripts/tempest-validation.sh LOAD_LIST     # tempest ids, one a line
#   scripts/tempest-validation.sh 'REGEX'       # or a tempest --regex
#
# Writes the passing ids to tempest-work/validation/passing.txt. Exit 0 when tempest ran,
# 2 when it could not, 4 when this machine cannot run it (no qemu, no test guest, not
# root: the bridge and taps need CAP_NET_ADMIN), saying why.
#
# Knobs: STRATUS_BIN, TEMPEST_REFERENCE_DIR, TEMPEST_TIMEOUT, STRATUS_GUEST_DIR
#        (default .build/test-guest), VALIDATION_BRIDGE (default stratusv0),
#        VALIDATION_CIDR (the shared network, default 10.254.0.0/24).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/tempest-cloud.sh
. "$root/scripts/lib/tempest-cloud.sh"

selection=${1:-}
[ -n "$selection" ] || { sed -n '2,16p' "$0"; exit 2; }
guest=${STRATUS_GUEST_DIR:-$root/.build/test-guest}
bridge=${VALIDATION_BRIDGE:-stratusv0}
cidr=${VALIDATION_CIDR:-10.254.0.0/24}
work=$root/tempest-work/validation

cannot() { echo "tempest-validation: not run here: $*"; exit 4; }
command -v qemu-system-x86_64 >/dev/null || cannot "no qemu-system-x86_64"
[ -s "$guest/vmlinuz" ] && [ -s "$guest/initrd.gz" ] || cannot "no test guest in $guest (scripts/build-test-guest.sh)"
[ "$(id -u)" -eq 0 ] || cannot "guest bridges and taps need root"
[ -c /dev/net/tun ] || cannot "no /dev/net/tun"
ip link show "$bridge" >/dev/null 2>&1 && cannot "an interface $bridge exists already (VALIDATION_BRIDGE)"

tempest_cloud_venv tempest-validation || exit 2

# The bridge is the cloud's to make and this script's to remove.
validation_finish() {
    tempest_cloud_finish
    ip link del "$bridge" 2>/dev/null || true
}
tempest_cloud_start tempest-validation "$work" \
    --driver qemu --hosts 2 --test-guest "$guest" --guest-bridge "$bridge" --shared-network-cidr "$cidr" || {
    validation_finish
    exit 2
}
trap validation_finish EXIT

as_admin image list --name stratus-test-guest -f value -c ID
guest_image=$out
[ -n "$guest_image" ] || { echo "tempest-validation: the test guest was not imported: $err" >&2; exit 2; }
tempest_set "$work" compute image_ref "$guest_image"
tempest_set "$work" compute image_ref_alt "$guest_image"
# TCG boots take seconds, and a guest's first SSH login waits for its host key.
tempest_set "$work" compute build_timeout 180
tempest_set "$work" validation run_validation true
tempest_set "$work" validation connect_method fixed
tempest_set "$work" validation auth_method keypair
tempest_set "$work" validation image_ssh_user root
tempest_set "$work" validation image_alt_ssh_user root
tempest_set "$work" validation network_for_ssh shared
tempest_set "$work" validation ip_version_for_ssh 4
tempest_set "$work" validation security_group true
tempest_set "$work" validation security_group_rules true
tempest_set "$work" validation ssh_timeout 180
tempest_set "$work" validation connect_timeout 30
echo "validation: QEMU guests on bridge $bridge ($cidr), image $guest_image"

if [ -f "$selection" ]; then
    cp "$selection" "$work/validation-load-list.txt"
    echo "running $(grep -c . "$work/validation-load-list.txt") tests with instance validation"
    tempest_run_report "$work" tempest-validation --config-file tempest.conf --concurrency 1 \
        --load-list validation-load-list.txt
else
    tempest_run_report "$work" tempest-validation --config-file tempest.conf --concurrency 1 --regex "$selection"
fi
rc=$?
[ "$rc" -eq 2 ] && exit 2
ok_run=1
tempest_passing "$work" >"$work/passing.txt"
exit 0
