#!/usr/bin/env bash
# Image v2 compatibility check with the real OpenStack client, under the default
# private-cloud trust profile: the bootstrap test image, upload with --file, list/show
# (private by default), Glance's list filter operators (in:, created_at=gt:), properties,
# tags, save (byte-for-byte), deactivate/reactivate, sharing with a project that
# accepts, a member refused to create or publish, delete.
# PASS/FAIL per step, "compat-image: N passed, N failed", non-zero exit on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
compat_begin compat-image --hosts 0

# Scratch files live in the server's temp dir, removed with it.
work=$STRATUS_TMP/work
mkdir -p "$work"

# --- discovery and the bootstrap image ---------------------------------------------------
http GET /image
[[ $status == 300 && $out == *'"CURRENT"'* && $out == *"$STRATUS_URL/image/v2/"* ]]
verdict "GET /image: 300 with the v2 version list" "status $status: $out"

as_admin image show stratus-test-image -f json
[[ $(field status) == active && $(field visibility) == public && $(field size) == 1048576 && -n $(field checksum) ]]
verdict "the bootstrap image stratus-test-image is public and active" "got: $out"

# --- upload, list, show ------------------------------------------------------------------
head -c 3000000 /dev/urandom >"$work/disk.raw"
as_admin image create --file "$work/disk.raw" --disk-format raw --container-format bare compat-disk -f json
image_id=$(field id)
[[ -n $image_id && $(field status) == active && $(field size) == 3000000 ]]
verdict "image create --file uploads and activates" "got: $out"

[[ $(field checksum) == $(md5sum "$work/disk.raw" | cut -d' ' -f1) ]]
check $? "checksum is the file's md5" "got $(field checksum)"

as_admin image show compat-disk -f json
[[ $(field visibility) == private && $("$py" -c 'import json,sys; p=json.loads(sys.argv[1])["properties"]; print(p.get("os_hash_algo"), p.get("os_hash_value"))' "$out") == "sha512 $(sha512sum "$work/disk.raw" | cut -d' ' -f1)" ]]
verdict "image show: private by default, sha512 multihash of the data" "got: $out"

as_admin image list -f value -c Name -c Status
[[ $out == *"compat-disk active"* && $out == *"stratus-test-image active"* ]]
verdict "image list" "got: $out"

# --- Glance's filter operators (openstack server list resolves image names by id=in:) -----
as_admin token issue -f value -c id
token=$out
as_admin image show stratus-test-image -f value -c id
test_image_id=$out
images_get() {  # images_get QUERY: GET /image/v2/images?QUERY as the admin; out = sorted names
    http GET "/image/v2/images?$1" -H "X-Auth-Token: $token" -H "Accept: application/json"
    [[ $status == 200 ]] || return 1
    out=$("$py" -c 'import json,sys; print(" ".join(sorted(i["name"] for i in json.loads(sys.argv[1])["images"])))' "$out")
}
urlencode() { "$py" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

images_get "id=$(urlencode "in:$image_id,$test_image_id")"
[[ $out == "compat-disk stratus-test-image" ]]
verdict "GET images?id=in:<a>,<b> lists both" "status $status: $out"

images_get "id=in:$(python3 -c 'import uuid; print(uuid.uuid4())')"
[[ $status == 200 && -z $out ]]
verdict "GET images?id=in:<unknown id> is an empty list" "status $status: $out"

images_get "name=$(urlencode 'in:"compat-disk","not, an image"')"
[[ $out == compat-disk ]]
verdict "GET images?name=in:\"…\",\"…, …\" (quoted values)" "status $status: $out"

images_get "status=in:queued,active"
[[ $out == "compat-disk stratus-test-image" ]] && images_get "status=in:queued,saving" && [[ -z $out ]]
verdict "GET images?status=in:…" "status $status: $out"

as_admin image show compat-disk -f value -c created_at
created=$out
images_get "created_at=$(urlencode "gt:$created")" && [[ $out != *compat-disk* ]] &&
    images_get "created_at=$(urlencode "gte:$created")" && [[ $out == *compat-disk* ]]
verdict "GET images?created_at=gt:/gte: the image's own created_at" "created_at $created, status $status: $out"

images_get "name=like:compat"
[[ $status == 400 && $out == *"unknown operator"* ]]
verdict "GET images?name=like:… is a 400 (unknown operator)" "status $status: $out"

# --- properties and tags ---------------------------------------------------------------
as_admin image set --property os_distro=cirros --property hw_rng_model=virtio compat-disk &&
    as_admin image show compat-disk -f json
[[ $out == *'"os_distro": "cirros"'* && $out == *'"hw_rng_model": "virtio"'* ]]
verdict "image set --property" "got: $out"

as_admin image unset --property hw_rng_model compat-disk && as_admin image show compat-disk -f json
[[ $out != *hw_rng_model* && $out == *os_distro* ]]
verdict "image unset --property" "got: $out"

as_admin image set --tag lts --tag base compat-disk && as_admin image show compat-disk -f value -c tags
[[ $out == *lts* && $out == *base* ]]
verdict "image set --tag (add tags)" "got: $out"

as_admin image unset --tag lts compat-disk && as_admin image show compat-disk -f value -c tags
[[ $out != *lts* && $out == *base* ]]
verdict "image unset --tag (remove a tag)" "got: $out"

as_admin image list --tag base -f value -c Name
[[ $out == compat-disk ]]
verdict "image list --tag" "got: $out"

# --- download --------------------------------------------------------------------------
as_admin image save --file "$work/saved.raw" compat-disk && cmp -s "$work/disk.raw" "$work/saved.raw"
verdict "image save: the same bytes come back" "stderr: $err"

# --- deactivate / reactivate -------------------------------------------------------------
as_admin image set --deactivate compat-disk && as_admin image show compat-disk -f value -c status
[[ $out == deactivated ]]
verdict "image set --deactivate" "got: $out"

as_admin image set --activate compat-disk && as_admin image show compat-disk -f value -c status
[[ $out == active ]]
verdict "image set --activate" "got: $out"

# --- a member under the private-cloud profile ------------------------------------------
as_admin project create demo && as_admin user create --password demo-secret --project demo demo &&
    as_admin role add --project demo --user demo member
verdict "a member 'demo' in project 'demo'" "$err"

as_demo image create --file "$work/disk.raw" --disk-format raw --container-format bare demo-upload
[[ $? -ne 0 && $err == *403* ]]
verdict "a member's image create is refused (403)" "stderr: $err"

as_demo image list -f value -c Name
[[ $out == stratus-test-image ]]
verdict "a member lists only the public image" "got: $out"

as_admin image create --project demo --disk-format raw --container-format bare demo-owned -f value -c id
demo_owned=$out
as_demo image set --public "$demo_owned"
[[ $? -ne 0 && $err == *403* ]]
verdict "image set --public by the owning member is refused (403)" "stderr: $err"

as_demo image show "$demo_owned" -f value -c visibility
[[ $out == private ]]
verdict "the refused image stays private" "got: $out"

# --- sharing -------------------------------------------------------------------------
as_admin image set --shared compat-disk && as_admin image add project compat-disk demo -f json
[[ $(field status) == pending ]]
verdict "image set --shared + image add project: pending" "got: $out"

as_demo image list -f value -c Name
[[ $out != *compat-disk* ]]
verdict "a pending share is not listed" "got: $out"

as_demo image set --accept "$image_id" && as_demo image list -f value -c Name
[[ $out == *compat-disk* ]]
verdict "image set --accept as the member: now listed" "got: $out stderr: $err"

as_admin image member list compat-disk -f value -c Status
[[ $out == accepted ]]
verdict "image member list shows accepted" "got: $out"

as_demo image save --file "$work/shared.raw" "$image_id" && cmp -s "$work/disk.raw" "$work/shared.raw"
verdict "the member downloads the shared image" "stderr: $err"

as_demo image delete "$image_id"
[[ $? -ne 0 ]]
verdict "the member cannot delete it" "got: $out"

as_admin image remove project compat-disk demo && as_demo image show "$image_id"
[[ $? -ne 0 ]]
verdict "image remove project: out of the member's reach" "stderr: $err"

# --- delete --------------------------------------------------------------------------
as_admin image set --protected compat-disk && as_admin image delete compat-disk
[[ $? -ne 0 ]]
verdict "a protected image is not deleted" "stderr: $err"

as_admin image set --unprotected compat-disk && as_admin image delete compat-disk &&
    as_admin image list -f value -c Name
[[ $out != *compat-disk* ]]
verdict "image delete" "got: $out"

compat_end
