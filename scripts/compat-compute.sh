#!/usr/bin/env bash
# Compute v2.1 compatibility check with the real OpenStack client: versions,
# microversions, flavors, hosts, key pairs, a server locked with a reason (2.73), a
# requested host (2.74) and migration owners (2.80). Same
# conventions as compat-identity.sh: PASS/FAIL per step, "compat-compute: N passed,
# N failed", non-zero exit on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin compat-compute

# --- flavors as an operator sees them -----------------------------------------------
as_admin flavor list -f value -c ID -c Name
[[ $out == *"1 m1.tiny"* && $out == *"5 m1.xlarge"* ]]
verdict "flavor list shows the devstack flavors" "got: $out"

as_admin flavor show m1.tiny -f json
[[ $(field ram) == 512 && $(field vcpus) == 1 && $(field disk) == 1 ]]
verdict "flavor show m1.tiny (by name)" "got: $out"

as_admin flavor create --ram 256 --disk 1 --vcpus 1 --private --property hw_rng:allowed=True rng.tiny -f json
flavor_id=$(field id)
[[ -n $flavor_id && $(field os-flavor-access:is_public) == False ]]
verdict "flavor create --private --property" "got: $out"

as_admin flavor set --property hw_rng:rate_bytes=1024 rng.tiny && as_admin flavor show rng.tiny -f json
[[ $out == *"hw_rng:rate_bytes"* && $out == *"1024"* ]]
verdict "flavor set --property" "got: $out"

as_admin project create demo -f value -c id
demo_id=$out
as_admin flavor set --project demo rng.tiny && as_admin flavor show rng.tiny -f json
[[ -n $demo_id && $out == *"$demo_id"* ]]
verdict "flavor set --project (private flavor access)" "got: $out"

as_admin flavor create --ram 0 --disk 1 --vcpus 1 bad.flavor
[[ $? -ne 0 && $err == *"400"* ]]
verdict "flavor create with ram 0 is refused (400)" "stderr: $err"

as_admin flavor delete rng.tiny && as_admin flavor list --all -f value -c Name
[[ $out != *"rng.tiny"* ]]
verdict "flavor delete" "got: $out"

# --- hosts (stratus serve runs 4 simulated hosts by default) ---------------------------
as_admin compute service list -f value -c Binary -c Host -c State
[[ $(grep -c "nova-compute sim-[0-9]* up" <<<"$out") == 4 ]]
verdict "compute service list: 4 simulated hosts up" "got: $out"

as_admin hypervisor list -f value -c "Hypervisor Hostname" -c "Hypervisor Type"
[[ $out == *"sim-1 fake"* && $out == *"sim-4 fake"* ]]
verdict "hypervisor list" "got: $out"

as_admin hypervisor show sim-1 -f json
[[ $(field vcpus) == 16 && $(field state) == up ]]
verdict "hypervisor show sim-1" "got: $out"

as_admin availability zone list --compute -f value
[[ $out == *"nova available"* ]]
verdict "availability zone list" "got: $out"

# --- key pairs ------------------------------------------------------------------------
keydir=$(mktemp -d)
as_admin keypair create compat-generated
printf '%s\n' "$out" >"$keydir/generated.pem"
chmod 600 "$keydir/generated.pem"
derived=$(ssh-keygen -y -f "$keydir/generated.pem" 2>/dev/null)
check $? "keypair create returns a private key ssh-keygen accepts" "got: $(head -c 80 <<<"$out")"
# openstackclient makes the key itself and uploads its public half (compat-sdk checks
# the keys the server generates).
as_admin keypair show compat-generated --public-key
[[ -n $derived && $out == "$derived"* ]]
check $? "keypair show --public-key is the private key's public half" "derived: ${derived:0:40}…, shown: ${out:0:40}…"

ssh-keygen -q -t ed25519 -N "" -C compat -f "$keydir/imported" </dev/null >/dev/null 2>&1
as_admin keypair create --public-key "$keydir/imported.pub" compat-imported -f json
expected=$(ssh-keygen -l -E md5 -f "$keydir/imported.pub" | awk '{print $2}')
[[ -n $expected && "MD5:$(field fingerprint)" == "$expected" ]]
check $? "keypair create --public-key: fingerprint matches ssh-keygen" "got $(field fingerprint), want $expected"

as_admin keypair delete compat-generated && as_admin keypair list -f value -c Name
[[ $out == "compat-imported" ]]
verdict "keypair list / delete" "got: $out"
rm -rf "$keydir"

# --- a server locked with a reason (microversion 2.73) --------------------------------
as_admin image list -f value -c ID -c Status
image=$(awk '$NF == "active" {print $1; exit}' <<<"$out")
as_admin server create --image "$image" --flavor m1.tiny --wait compat-lock -f json
lock_server=$(field id)
[[ -n $image && $(field status) == ACTIVE ]]
verdict "server create --wait (for the lock checks)" "got: $out"

as_admin --os-compute-api-version 2.73 server lock --reason "maintenance by ops" "$lock_server" &&
    as_admin --os-compute-api-version 2.73 server show "$lock_server" -f json
[[ $(field locked) == True && $(field locked_reason) == "maintenance by ops" ]]
verdict "server lock --reason at 2.73: locked, with its reason" "got: $out"

# Below 2.73 the API leaves the reason out (the client then shows none).
as_admin --os-compute-api-version 2.72 server show "$lock_server" -f json
[[ $(field locked) == True && $(field locked_reason) == "" ]]
verdict "at 2.72 the server is locked and shows no reason" "got: $out"

as_admin --os-compute-api-version 2.73 server unlock "$lock_server" &&
    as_admin --os-compute-api-version 2.73 server show "$lock_server" -f json
[[ $(field locked) == False && $(field locked_reason) == "" ]]
verdict "server unlock clears the lock and its reason" "got: $out"

as_admin server delete --wait "$lock_server" && as_admin server list -f value -c ID
[[ $out != *"$lock_server"* ]]
verdict "server delete --wait" "got: $out"

# --- a requested host (2.74) and the migration records' owners (2.80) -----------------
as_admin --os-compute-api-version 2.74 server create --image "$image" --flavor m1.tiny --host sim-3 \
    --wait compat-host -f json
host_server=$(field id)
[[ -n $host_server && $(field status) == ACTIVE && $(field OS-EXT-SRV-ATTR:host) == sim-3 ]]
verdict "server create --host sim-3 at 2.74: ACTIVE on sim-3" "got: $out"

as_admin --os-compute-api-version 2.74 server create --image "$image" --flavor m1.tiny --host nowhere compat-nowhere
[[ $? -ne 0 && $err == *"Compute host nowhere could not be found."* ]]
verdict "server create --host with an unknown host is refused (400)" "stderr: $err"

as_admin server migrate --wait "$host_server" && as_admin server resize confirm "$host_server" &&
    as_admin server show "$host_server" -f json
[[ $(field status) == ACTIVE && $(field OS-EXT-SRV-ATTR:host) != sim-3 ]]
verdict "server migrate + confirm moves it off sim-3" "got: $out"

as_admin --os-compute-api-version 2.80 server migration list --project admin --user admin -f json
[[ $out == *"$host_server"* && $out == *'"Project"'* && $out == *'"User"'* && $out == *confirmed* ]]
verdict "server migration list --project --user at 2.80 shows the confirmed migration" "got: $out"

as_admin --os-compute-api-version 2.80 server migration list --project demo -f value
[[ $? -eq 0 && -z $out ]]
verdict "server migration list --project demo: none of its own" "got: $out"

as_admin --os-compute-api-version 2.66 server migration list --changes-before 2000-01-01T00:00:00Z -f value
[[ $? -eq 0 && -z $out ]]
verdict "server migration list --changes-before (2.66) filters by update time" "got: $out $err"

as_admin server delete --wait "$host_server"

# --- microversions through the client --------------------------------------------------
run_cli OS_AUTH_URL="$STRATUS_AUTH_URL" OS_IDENTITY_API_VERSION=3 OS_USERNAME=admin \
    OS_PASSWORD="$STRATUS_PASSWORD" OS_PROJECT_NAME=admin OS_USER_DOMAIN_NAME=Default \
    OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne OS_COMPUTE_API_VERSION=2.999 -- flavor list
[[ $? -ne 0 && ($err == *"2.999"* || $err == *"406"* || $err == *"not supported"*) ]]
verdict "an unsupported microversion is refused" "stderr: $err"

http GET /compute/v2.1/ -H "OpenStack-API-Version: compute latest"
[[ $status == 200 && ($out == *'"min_version": "2.1"'* || $out == *'"min_version":"2.1"'*) ]]
verdict "GET /compute/v2.1/ version document" "status $status: $out"

compat_end
