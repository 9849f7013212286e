#!/usr/bin/env bash
# Block storage with the real OpenStack client: volumes made, shown, listed, renamed
# and deleted by a member; one attached to a server and detached again through Nova
# (`server add volume` / `server remove volume`), its status following (available →
# in-use → available); what Cinder and Nova refuse (size 0, a second attach, deleting an
# attached volume). PASS/FAIL per step; non-zero exit on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin compat-volume --hosts 1

as_admin project create demo && as_admin user create --password demo-secret --project demo demo &&
    as_admin role add --project demo --user demo member
verdict "a member 'demo' in project 'demo'" "$err"

as_demo volume create --size 1 data-1 -f json
[[ $(field size) == 1 && $(field status) == available && $(field name) == data-1 ]]
verdict "volume create --size 1" "got: $out $err"

as_demo volume create --size 0 zero
[[ $? -ne 0 && $err == *400* ]]
verdict "a volume of size 0 is refused (400)" "stderr: $err"

as_demo volume create --size 2 --description scratch data-2 -f json
[[ $(field size) == 2 && $(field description) == scratch ]]
verdict "volume create --size 2 --description" "got: $out $err"

as_demo volume list -f value -c Name -c Status -c Size
[[ $(sort <<<"$out" | paste -sd' ') == "data-1 available 1 data-2 available 2" ]]
verdict "volume list shows both, available" "got: $out $err"

as_demo volume set --name data-2b data-2 && as_demo volume show data-2b -f value -c name
[[ $out == data-2b ]]
verdict "volume set --name, then show by the new name" "got: $out $err"

as_demo image list -f value -c Name -c Status
image=$(awk '$NF == "active" {print $1; exit}' <<<"$out")
as_demo server create --image "$image" --flavor m1.tiny --network shared --wait vol-vm -f json
[[ $(field status) == ACTIVE ]]
verdict "server create --wait" "got: $out $err"

as_demo server add volume vol-vm data-1 -f json
[[ $(field Device) == /dev/vdb || $out == *"/dev/vdb"* ]]
verdict "server add volume: the first data disk is /dev/vdb" "got: $out $err"

status=""
for _ in $(seq 30); do
    as_demo volume show data-1 -f value -c status
    status=$out
    [[ $status == in-use ]] && break
    sleep 1
done
[[ $status == in-use ]]
verdict "the volume becomes in-use once the host attached it" "status: $status"

as_demo volume show data-1 -f value -c id
volume=$out
as_demo server volume list vol-vm -f value -c "Volume ID"
[[ -n $volume && $out == "$volume" ]]
verdict "server volume list names it" "got: $out $err"

as_demo server show vol-vm -f json
[[ -n $volume && $(field volumes_attached) == *"$volume"* ]]
verdict "server show lists it in volumes_attached" "got: $out"

as_demo server add volume vol-vm data-1
[[ $? -ne 0 && $err == *400* ]]
verdict "attaching it again is refused (400)" "stderr: $err"

as_demo volume delete data-1
[[ $? -ne 0 && $err == *400* ]]
verdict "an attached volume cannot be deleted (400)" "stderr: $err"

as_demo server remove volume vol-vm data-1
verdict "server remove volume" "stderr: $err"

status=""
for _ in $(seq 30); do
    as_demo volume show data-1 -f value -c status
    status=$out
    [[ $status == available ]] && break
    sleep 1
done
[[ $status == available ]]
verdict "the volume is available again once the host detached it" "status: $status"

as_demo server delete --wait vol-vm && as_demo volume delete data-1 data-2b && as_demo volume list -f value -c Name
[[ -z $out ]]
verdict "server delete, then volume delete of both" "got: $out $err"

compat_end
