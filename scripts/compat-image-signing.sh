#!/usr/bin/env bash
# Signed images with the real clients, as the Glance and Nova guides describe it:
# an operator's key and certificate made with openssl, the certificate stored in the
# key manager (`openstack secret store`, python-barbicanclient), the image signed
# with openssl and uploaded with its signature properties (and once more with
# openstackclient's own --sign-key-path), then booted; tampered data refused at
# upload, a superseded image refused at boot. PASS/FAIL per step.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
command -v openssl >/dev/null 2>&1 || { echo "compat-image-signing: openssl is required" >&2; exit 2; }

compat_begin compat-image-signing --hosts 1

work=$(mktemp -d)
trap 'rm -rf "$work"; finish' EXIT

# The operator's signing key and certificate.
openssl req -x509 -newkey rsa:2048 -keyout "$work/key.pem" -out "$work/cert.pem" -days 30 -nodes \
    -subj "/CN=stratus-image-signer" >/dev/null 2>&1
verdict "openssl makes a signing key and certificate" "openssl req failed"

as_admin secret store --name image-signer --secret-type certificate \
    --payload-content-type application/octet-stream --payload-content-encoding base64 \
    --payload "$(openssl x509 -in "$work/cert.pem" -outform DER | base64 -w0)" -f value -c "Secret href"
cert_id=${out##*/}
[[ $out == "$STRATUS_URL/key-manager/v1/secrets/"* && ${#cert_id} -eq 36 ]]
verdict "openstack secret store --secret-type certificate" "got: $out"

as_admin secret get "$out" -f json
[[ $(field "Secret type") == certificate && $(field Name) == image-signer ]]
verdict "openstack secret get shows the certificate" "got: $out"

# An image signed as Glance's guide signs it: RSA-PSS over SHA-256 of the data.
head -c 65536 /dev/urandom >"$work/disk.img"
openssl dgst -sha256 -sign "$work/key.pem" -sigopt rsa_padding_mode:pss -out "$work/disk.sig" "$work/disk.img"
signature=$(base64 -w0 "$work/disk.sig")
sign_props=(--property img_signature="$signature" --property img_signature_certificate_uuid="$cert_id"
    --property img_signature_hash_method=SHA-256 --property img_signature_key_type=RSA-PSS)

as_admin image create --file "$work/disk.img" --disk-format raw --container-format bare --public \
    "${sign_props[@]}" signed-disk -f json
[[ $(field status) == active ]]
verdict "image create with an openssl signature becomes active" "got: $out $err"
signed_id=$(field id)

as_admin image show signed-disk -f json
[[ $out == *"'stratus_signature_verified': 'true'"* || $out == *'"stratus_signature_verified": "true"'* ]]
verdict "image show says the signature was verified" "got: $out"

# openstackclient's own signer (openstacksdk's ImageSigner, RSA-PSS with the largest salt).
# It asks for the key's passphrase on a terminal even when the key has none.
RUN_CLI_TERMINAL=1 as_admin image create --file "$work/disk.img" --disk-format raw --container-format bare \
    --sign-key-path "$work/key.pem" --sign-cert-id "$cert_id" client-signed -f value -c status
[[ $out == *active* ]]
verdict "image create --sign-key-path --sign-cert-id becomes active" "got: $out $err"

# The same signature over other data: refused at upload. openstacksdk deletes an image
# whose upload failed, so the image's own end (killed, and why) is read over HTTP.
head -c 65536 /dev/urandom >"$work/tampered.img"
as_admin image create --file "$work/tampered.img" --disk-format raw --container-format bare \
    "${sign_props[@]}" tampered-disk
[[ $? -ne 0 && $err == *"400"* ]]
verdict "image create --file of tampered data fails with 400" "stderr: $err"

# On a terminal, so that it does not read image data from standard input.
RUN_CLI_TERMINAL=1 as_admin image create --disk-format raw --container-format bare "${sign_props[@]}" \
    tampered-kept -f value -c id
tampered_id=$(tail -n 1 <<<"$out")
as_admin token issue -f value -c id
token=$out
http PUT "/image/v2/images/$tampered_id/file" -H "X-Auth-Token: $token" \
    -H "Content-Type: application/octet-stream" --data-binary @"$work/tampered.img"
[[ $status == 400 && $out == *"Signature verification failed for image $tampered_id"* ]]
verdict "the upload's 400 says the signature failed" "status $status: $out"

as_admin image show "$tampered_id" -f value -c status
[[ $out == killed ]]
verdict "the tampered image is killed" "got: $out"

as_admin server create --image signed-disk --flavor m1.tiny --nic none --wait signed-vm -f json
[[ $(field status) == ACTIVE ]]
verdict "a server boots from the signed image" "got: $out $err"

# A hardened replacement: the old image is marked superseded; new boots are refused.
as_admin image set --property stratus_superseded_by="$signed_id" stratus-test-image
verdict "image set --property stratus_superseded_by (admin)" "stderr: $err"

as_admin server create --image stratus-test-image --flavor m1.tiny --nic none old-vm
[[ $? -ne 0 && $err == *"superseded by image $signed_id"* ]]
verdict "a boot from the superseded image is refused, naming the replacement" "stderr: $err"

as_admin server show signed-vm -f value -c status
[[ $out == ACTIVE ]]
verdict "the running server is untouched" "got: $out"

as_admin server delete --wait signed-vm
verdict "server delete --wait" "stderr: $err"

as_admin secret delete "$STRATUS_URL/key-manager/v1/secrets/$cert_id" && as_admin secret list -f value
[[ -z $out ]]
verdict "openstack secret delete, then none listed" "got: $out $err"

compat_end
