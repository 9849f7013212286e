#!/usr/bin/env bash
# A server's life with the real OpenStack client, as a user does it in the labs of an
# OpenStack course: flavors, key pair, server create --wait, list (its Image column named
# through Glance's id=in:)/show, stop/start, lock with a reason (microversion 2.73), a
# member's action on a locked server refused, unlock, delete --wait. PASS/FAIL per step;
# non-zero exit on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin compat-servers --hosts 2

as_admin project create demo && as_admin user create --password demo-secret --project demo demo &&
    as_admin role add --project demo --user demo member
verdict "a member 'demo' in project 'demo'" "$err"

as_demo flavor list -f value -c Name
[[ $out == *m1.tiny* && $out == *m1.small* ]]
verdict "flavor list as a member" "got: $out"

as_demo image list -f value -c Name -c Status
image=$(awk '$NF == "active" {print $1; exit}' <<<"$out")
[[ -n $image ]]
verdict "image list shows an active image to boot" "got: $out"

keydir=$(mktemp -d)
as_demo keypair create lab-key
printf '%s\n' "$out" >"$keydir/lab-key.pem"
chmod 600 "$keydir/lab-key.pem"
ssh-keygen -y -f "$keydir/lab-key.pem" >/dev/null 2>&1
check $? "keypair create" "got: $(head -c 80 <<<"$out")"
rm -rf "$keydir"

as_demo server create --image "$image" --flavor m1.tiny --key-name lab-key --wait lab-vm -f json
[[ $(field status) == ACTIVE && $(field name) == lab-vm && $(field key_name) == lab-key ]]
verdict "server create --wait ends ACTIVE" "got: $out"
server=$(field id)

as_demo server list -f value -c Name -c Status
[[ $out == "lab-vm ACTIVE" ]]
verdict "server list" "got: $out"

# openstackclient names the image with one GET /v2/images?id=in:<ids> to Glance.
as_demo server list -f value -c Name -c Image
[[ $out == "lab-vm $image" ]]
verdict "server list shows the image's name" "got: $out"

as_demo server show lab-vm -f json
[[ $(field id) == "$server" && $(field flavor) == *m1.tiny* && $(field OS-EXT-STS:power_state) == 1 ]]
verdict "server show (by name)" "got: $out"

wait_status() {  # wait_status NAME STATUS: polls server show until STATUS (60 s)
    for _ in $(seq 1 120); do
        as_demo server show "$1" -f value -c status
        [[ $out == "$2" ]] && return 0
        sleep 0.5
    done
    return 1
}

as_demo server stop lab-vm && wait_status lab-vm SHUTOFF
verdict "server stop → SHUTOFF" "status: $out $err"

as_demo server start lab-vm && wait_status lab-vm ACTIVE
verdict "server start → ACTIVE" "status: $out $err"

as_demo console log show lab-vm
[[ $out == *"lab-vm login:"* ]]
verdict "console log show" "got: $out"

# The admin works in its own project, so it names demo's server by id (as with real Nova).
as_admin --os-compute-api-version 2.73 server lock --reason "maintenance by ops" "$server" &&
    as_admin --os-compute-api-version 2.73 server show "$server" -f json
[[ $(field locked) == True && $(field locked_reason) == "maintenance by ops" ]]
verdict "server lock --reason (2.73), shown locked with its reason" "got: $out $err"

as_demo server stop lab-vm
[[ $? -ne 0 && $err == *"is locked"* && $err == *"409"* ]]
verdict "a member's stop of the admin-locked server fails with 409" "stderr: $err"

as_demo server unlock lab-vm
[[ $? -ne 0 && $err == *"403"* ]]
verdict "the member cannot lift the admin's lock (403)" "stderr: $err"

as_admin server unlock "$server" && as_demo server stop lab-vm && wait_status lab-vm SHUTOFF
verdict "after unlock the member's stop works" "status: $out $err"

as_demo server delete --wait lab-vm && as_demo server list -f value -c Name
[[ -z $out ]]
verdict "server delete --wait, then gone" "got: $out $err"

compat_end
