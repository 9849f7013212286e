#!/usr/bin/env bash
# Quotas everywhere a client looks, with the real OpenStack client and openstacksdk:
# `limits show --absolute` (the caller's project, and an administrator's --project),
# `quota set` of network, volume and port limits, `quota show` with and without --usage
# and --default, `quota list --network/--volume`, `quota delete`; the limits enforced
# (a network quota of 1: the second network is Neutron's 409; a volume quota of 2: the
# third volume is Cinder's 413), a member refused (403). Then what Ansible's
# openstack.cloud.quota and openstack.cloud.keypair modules call through openstacksdk:
# the network and block-storage quota proxies and cloud layer, and an imported public
# key read back exactly as sent (trailing newline kept, as Nova keeps it).
# PASS/FAIL per step; non-zero exit on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin compat-quotas --hosts 1

# value KEY: the value of KEY in $out, a JSON list of {"Name"/"Resource", "Value"/"Limit", ...}
# rows (`limits show -f json`, `quota show -f json`), or of column COLUMN with a second argument.
value() {
    "$py" -c '
import json, sys
key, column = sys.argv[1], sys.argv[2]
try:
    rows = json.loads(sys.argv[3])
except Exception:
    rows = []
for row in rows:
    name = row.get("Name", row.get("Resource"))
    if name == key:
        value = row.get(column) if column else row.get("Value", row.get("Limit"))
        print(value)
        break' "$1" "${2:-}" "$out"
}
# row PROJECT COLUMN: COLUMN of the row of `quota list -f json` whose Project ID is PROJECT.
row() {
    "$py" -c '
import json, sys
try:
    rows = json.loads(sys.argv[3])
except Exception:
    rows = []
print(next((r.get(sys.argv[2]) for r in rows if r.get("Project ID") == sys.argv[1]), ""))' "$1" "$2" "$out"
}

as_admin project create demo && as_admin user create --password demo-secret --project demo demo &&
    as_admin role add --project demo --user demo member
verdict "a member 'demo' in project 'demo'" "$err"
as_admin project show demo -f value -c id
demo=$out

as_demo volume create --size 2 data-1 -f json
[[ $(field size) == 2 ]]
verdict "demo makes a volume of 2 GiB" "got: $out $err"

as_demo limits show --absolute -f json
[[ $(value max_total_volumes) == 10 && $(value total_volumes_used) == 1 && $(value total_gigabytes_used) == 2 &&
    $(value max_total_volume_gigabytes) == 1000 && $(value max_total_instances) == 10 ]]
verdict "limits show --absolute: Cinder's and Nova's limits with the project's usage" "got: $out $err"

as_admin quota set --networks 1 --volumes 2 --ports 5 demo
verdict "quota set --networks 1 --volumes 2 --ports 5 demo (administrator)" "stderr: $err"

as_admin limits show --absolute --project demo -f json
[[ $(value max_total_volumes) == 2 && $(value total_volumes_used) == 1 && $(value total_gigabytes_used) == 2 ]]
verdict "limits show --absolute --project demo: demo's limits and usage" "got: $out $err"

as_admin limits show --absolute -f json
[[ $(value max_total_volumes) == 10 && $(value total_volumes_used) == 0 ]]
verdict "limits show --absolute: the administrator's own project is unchanged" "got: $out $err"

as_admin quota show demo -f json
[[ $(value networks) == 1 && $(value volumes) == 2 && $(value ports) == 5 && $(value subnets) == 100 &&
    $(value gigabytes) == 1000 && $(value instances) == 10 ]]
verdict "quota show demo: the limits just set, defaults elsewhere" "got: $out $err"

as_admin quota show --usage demo -f json
[[ $(value volumes) == 2 && $(value volumes "In Use") == 1 && $(value gigabytes "In Use") == 2 &&
    $(value networks) == 1 && $(value networks "In Use") == 0 && $(value ports) == 5 ]]
verdict "quota show --usage demo: limits with what the project uses" "got: $out $err"

as_demo network create net-1 -f json
[[ $(field name) == net-1 ]]
verdict "demo's first network (quota 1)" "got: $out $err"

as_demo network create net-2
[[ $? -ne 0 && $err == *409* && $err == *"Quota exceeded for resources: ['network']"* ]]
verdict "the second network is Neutron's 409 OverQuota" "stderr: $err"

as_demo quota show --usage -f json
[[ $(value networks "In Use") == 1 && $(value security_groups "In Use") == 0 && $(value volumes "In Use") == 1 ]]
verdict "quota show --usage as the member: its own project" "got: $out $err"

as_demo volume create --size 1 data-2 -f json
[[ $(field size) == 1 ]]
verdict "demo's second volume (quota 2)" "got: $out $err"

as_demo volume create --size 1 data-3
[[ $? -ne 0 && $err == *413* && $err == *"Maximum number of volumes allowed (2)"* ]]
verdict "the third volume is Cinder's 413" "stderr: $err"

as_admin quota list --network -f json
[[ $(row "$demo" Networks) == 1 && $(row "$demo" Ports) == 5 && $(row "$demo" Subnets) == 100 ]]
verdict "quota list --network: demo's non-default limits" "got: $out $err"

as_admin quota list --volume -f json
[[ $(row "$demo" Volumes) == 2 && $(row "$demo" Gigabytes) == 1000 ]]
verdict "quota list --volume: demo's non-default limits" "got: $out $err"

as_demo quota set --networks 5 demo
[[ $? -ne 0 && $err == *403* ]]
verdict "a member cannot set quotas (403)" "stderr: $err"

as_admin quota show --default demo -f json
[[ $(value networks) == 100 && $(value volumes) == 10 && $(value ports) == 500 && $(value security_groups) == 10 ]]
verdict "quota show --default: Neutron's and Cinder's defaults" "got: $out $err"

as_admin quota set --volumes 0 demo
[[ $? -ne 0 && $err == *400* ]]
verdict "a volume limit under what demo holds is refused (400)" "stderr: $err"

as_admin quota delete --network demo && as_admin quota delete --volume demo && as_admin quota show demo -f json
[[ $(value networks) == 100 && $(value volumes) == 10 && $(value ports) == 500 ]]
verdict "quota delete --network / --volume: back to the defaults" "got: $out $err"

as_demo network create net-2 -f json
[[ $(field name) == net-2 ]]
verdict "with the default back, demo's second network is made" "got: $out $err"

# What Ansible's openstack.cloud.quota and .keypair modules do, through openstacksdk.
key="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJwYjWLXYMR11VTY3xwloCYkdAnOLu8J6dFi0kYm3dd7 ansible@example"
printf '%s\n' "$key" >"$STRATUS_TMP/id_ed25519.pub"
as_demo keypair create --public-key "$STRATUS_TMP/id_ed25519.pub" ansible-key -f json
[[ -n $(field fingerprint) ]]
verdict "keypair create --public-key (a file ending in a newline)" "got: $out $err"

sdk_err=$STRATUS_TMP/sdk.stderr
sdk_checks=$STRATUS_TMP/ansible_like.py
cat >"$sdk_checks" <<'PY'
import sys
import openstack

key, key_file = sys.argv[1], sys.argv[2]
admin = openstack.connect()

def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)))

project = admin.identity.find_project("demo", ignore_missing=False)
# openstack.cloud.quota: read, update, read back, revert, per service.
admin.network.update_quota(project.id, networks=3, security_groups=4)
quota = admin.network.get_quota(project.id)
check("sdk network.update_quota / get_quota", quota.networks == 3 and quota.security_groups == 4, quota)
details = admin.network.get_quota(project.id, details=True)
check("sdk network.get_quota(details=True): used networks", details.networks["used"] == 2, details)
admin.block_storage.update_quota_set(project, volumes=4, gigabytes=50)
volume_quota = admin.block_storage.get_quota_set(project, usage=True)
check("sdk block_storage.update_quota_set / get_quota_set(usage=True)",
      volume_quota.volumes == 4 and volume_quota.gigabytes == 50 and volume_quota.usage["volumes"] == 2, volume_quota)
admin.set_network_quotas(project.id, ports=7)
check("sdk cloud set_network_quotas / get_network_quotas", admin.get_network_quotas(project.id)["port"] == 7)
admin.set_volume_quotas(project.id, snapshots=3)
check("sdk cloud set_volume_quotas / get_volume_quotas", admin.get_volume_quotas(project.id)["snapshots"] == 3)
limits = admin.get_volume_limits(project.id)
check("sdk cloud get_volume_limits(project)", limits.absolute.max_total_volumes == 4, limits)
admin.network.delete_quota(project.id)
admin.block_storage.revert_quota_set(project)
check("sdk network.delete_quota / block_storage.revert_quota_set: defaults again",
      admin.network.get_quota(project.id).networks == 100
      and admin.block_storage.get_quota_set(project).volumes == 10)

# openstack.cloud.keypair: the key it reads back must be the one it offered.
demo = openstack.connect(username="demo", password="demo-secret", project_name="demo")
with open(key_file) as f:
    offered = f.read()
shown = demo.compute.get_keypair("ansible-key").public_key
check("the key imported from a file reads back exactly (trailing newline kept)", shown == offered, repr(shown))
demo.compute.create_keypair(name="ansible-sdk", public_key=key + "\n")
again = demo.compute.find_keypair("ansible-sdk")
check("sdk compute.create_keypair then find_keypair: the same string", again.public_key == key + "\n", repr(again.public_key))
PY
while IFS= read -r line; do
    case $line in
    "PASS "*) pass "${line#PASS }" ;;
    "FAIL "*) fail "${line#FAIL }" ;;
    "EXIT 0") ;;
    "EXIT "*) fail "the openstacksdk checks ended early" "$(tail -n 5 "$sdk_err")" ;;
    *) echo "  $line" ;;
    esac
done < <(env OS_AUTH_URL="$STRATUS_AUTH_URL" OS_IDENTITY_API_VERSION=3 \
    OS_USERNAME=admin OS_PASSWORD="$STRATUS_PASSWORD" OS_PROJECT_NAME=admin \
    OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne \
    timeout 300 "$py" "$sdk_checks" "$key" "$STRATUS_TMP/id_ed25519.pub" 2>"$sdk_err"
    echo "EXIT $?")

compat_end
