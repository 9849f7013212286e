#!/usr/bin/env bash
# Networking with the real OpenStack client: the shared network a fresh cloud has, a
# member's own network, subnet and port, security groups and rules, a server on two
# networks (one through a port it brought) with its addresses and groups, and what
# Neutron refuses (a duplicate rule, a group or network in use, a shared network made
# by a member). PASS/FAIL per step; non-zero exit on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin compat-network --hosts 2

as_admin project create demo && as_admin user create --password demo-secret --project demo demo &&
    as_admin role add --project demo --user demo member
verdict "a member 'demo' in project 'demo'" "$err"

as_demo network list -f value -c Name
[[ $out == shared ]]
verdict "network list shows the shared network" "got: $out"

as_demo subnet list -f value -c Subnet
[[ $out == 10.0.0.0/16 ]]
verdict "subnet list shows its 10.0.0.0/16" "got: $out"

as_demo network create --share forbidden-net
[[ $? -ne 0 && $err == *403* ]]
verdict "a member cannot make a shared network (403)" "stderr: $err"

as_demo network create lab-net -f json && as_demo subnet create --network lab-net --subnet-range 192.168.50.0/24 lab-subnet -f json
[[ $(field cidr) == 192.168.50.0/24 && $(field gateway_ip) == 192.168.50.1 ]]
verdict "network create + subnet create (gateway .1)" "got: $out $err"

as_demo subnet create --network lab-net --subnet-range 192.168.50.128/25 overlapping
[[ $? -ne 0 && $err == *overlaps* ]]
verdict "an overlapping subnet is refused" "stderr: $err"

as_demo port create --network lab-net --fixed-ip ip-address=192.168.50.10 lab-port -f json
[[ $(field status) == DOWN && $(field fixed_ips) == *192.168.50.10* ]]
verdict "port create with a fixed IP (DOWN until bound)" "got: $out $err"

as_demo security group create web -f json
[[ $(field name) == web ]]
verdict "security group create" "got: $out $err"

as_demo security group rule create --protocol tcp --dst-port 80 --remote-ip 0.0.0.0/0 web -f json
[[ $(field port_range_min) == 80 && $(field direction) == ingress ]]
verdict "security group rule create (tcp 80)" "got: $out $err"

as_demo security group rule create --protocol tcp --dst-port 80 --remote-ip 0.0.0.0/0 web
[[ $? -ne 0 && $err == *"already exists"* ]]
verdict "the same rule again is refused (409)" "stderr: $err"

as_demo security group list -f value -c Name
[[ $(sort <<<"$out" | paste -sd' ') == "default web" ]]
verdict "security group list: the project's default and web" "got: $out"

as_demo image list -f value -c Name -c Status
image=$(awk '$NF == "active" {print $1; exit}' <<<"$out")
as_demo server create --image "$image" --flavor m1.tiny --network shared --port lab-port \
    --security-group web --wait lab-vm -f json
[[ $(field status) == ACTIVE ]]
verdict "server create --network shared --port lab-port --security-group web --wait" "got: $out $err"

as_demo server show lab-vm -f json
addresses=$(field addresses)
[[ $addresses == *shared*10.0.* && $addresses == *lab-net*192.168.50.10* && $(field security_groups) == *web* ]]
verdict "server show: an address on each network, the web group" "got: $out"

as_demo port show lab-port -f json
[[ $(field status) == ACTIVE && -n $(field device_id) && $(field device_owner) == compute:nova ]]
verdict "the brought port is bound to the server" "got: $out"

as_demo server add security group lab-vm default && as_demo server show lab-vm -f value -c security_groups
[[ $out == *default* && $out == *web* ]]
verdict "server add security group" "got: $out $err"

as_demo security group delete web
[[ $? -ne 0 ]]
verdict "a group in use cannot be deleted" "stderr: $err"

as_demo server remove security group lab-vm web && as_demo server show lab-vm -f value -c security_groups
[[ $out == *default* && $out != *web* ]]
verdict "server remove security group" "got: $out $err"

as_demo server list --ip 192.168.50.10 -f value -c Name
[[ $out == lab-vm ]]
verdict "server list --ip finds it by address" "got: $out $err"

as_demo network delete lab-net
[[ $? -ne 0 ]]
verdict "a network with ports cannot be deleted" "stderr: $err"

as_demo server delete --wait lab-vm && as_demo port show lab-port -f json
[[ $(field status) == DOWN && -z $(field device_id) ]]
verdict "after delete the brought port stays, unbound" "got: $out $err"

as_demo port list --network shared -f value -c ID
[[ -z $out ]]
verdict "the port compute made on the shared network went with the server" "got: $out"

as_demo port delete lab-port && as_demo security group delete web && as_demo network delete lab-net &&
    as_demo network list -f value -c Name
[[ $out == shared ]]
verdict "port, group and network delete" "got: $out $err"

compat_end
