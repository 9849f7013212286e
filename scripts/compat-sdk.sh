#!/usr/bin/env bash
# openstacksdk's own conveniences against a live server, the way a user's Python does
# it (scripts/lib/sdk_conveniences.py): image.create_image from a file, find_image,
# download_image (same bytes), an idempotent re-create, search_images, delete; a project,
# a user and a role grant with the identity proxy, find_project, current_project_id;
# as that member, compute.find_flavor, create_server + wait_for_server, stop/start,
# delete_server + wait_for_delete; the cloud layer's create_server, list_servers,
# get_server, list_flavors, delete_server(wait=True). Needs no Networking service: a
# call that cannot work without one prints GAP (counted neither way) until the catalog
# has one, when it is checked like the rest. PASS/FAIL per check; non-zero exit on any
# failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin compat-sdk --hosts 2

work=$STRATUS_TMP/work
mkdir -p "$work"
sdk_err=$STRATUS_TMP/sdk.stderr

# The administrator's cloud, as the OS_* environment as_admin gives the CLI.
gaps=0
done_seen=0
while IFS= read -r line; do
    case $line in
    "PASS "*) pass "${line#PASS }" ;;
    "FAIL "*) fail "${line#FAIL }" ;;
    "GAP "*) gaps=$((gaps + 1)); echo "$line" ;;
    DONE) done_seen=1 ;;
    "EXIT "*) sdk_rc=${line#EXIT } ;;
    *) echo "  $line" ;;
    esac
done < <(env OS_AUTH_URL="$STRATUS_AUTH_URL" OS_IDENTITY_API_VERSION=3 \
    OS_USERNAME=admin OS_PASSWORD="$STRATUS_PASSWORD" OS_PROJECT_NAME=admin \
    OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne \
    timeout 900 "$py" "$root/scripts/lib/sdk_conveniences.py" "$work" 2>"$sdk_err"
    echo "EXIT $?")

err=$(cat "$sdk_err")
[[ $done_seen == 1 && ${sdk_rc:-} == 0 ]]
verdict "the SDK program ran to its end" "exit status ${sdk_rc:-unknown}, no DONE line"
err=""
if [ "$gaps" -gt 0 ]; then
    echo "compat-sdk: $gaps call(s) need a service this cloud lacks (GAP lines above)"
fi

compat_end
