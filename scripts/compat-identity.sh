#!/usr/bin/env bash
# Identity v3 compatibility check with the real OpenStack client.
# Starts .build/debug/stratus (or $STRATUS_BIN) on a free loopback port with a fresh data
# dir and a random admin password, drives it with .venv's `openstack` CLI and curl, and
# checks what comes back. Prints "PASS name" / "FAIL name" per step and a closing
# "compat-identity: N passed, N failed"; exits non-zero on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/compat.sh
. "$root/scripts/lib/compat.sh"
# as_alice openstack-args...: password auth as alice, scoped to project demo.
as_alice() { as_user alice "$alice_password" demo "$@"; }
# with_token TOKEN openstack-args...: token auth (the v3 "token" method), scoped to demo.
with_token() {
    local token=$1
    shift
    run_cli OS_AUTH_URL="$STRATUS_AUTH_URL" OS_IDENTITY_API_VERSION=3 OS_AUTH_TYPE=token \
        OS_TOKEN="$token" OS_PROJECT_NAME=demo OS_PROJECT_DOMAIN_NAME=Default \
        OS_REGION_NAME=RegionOne -- "$@"
}

# password_auth USER PASSWORD: POST /v3/auth/tokens (project admin scope), sets status/out.
password_auth() {
    local payload
    payload=$("$py" -c '
import json, sys
print(json.dumps({"auth": {
    "identity": {"methods": ["password"], "password": {"user": {
        "name": sys.argv[1], "domain": {"id": "default"}, "password": sys.argv[2]}}},
    "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}}))' "$1" "$2")
    http POST /identity/v3/auth/tokens -H 'Content-Type: application/json' --data "$payload"
}
error_message() {
    "$py" -c '
import json, sys
try:
    e = json.loads(sys.argv[1])["error"]
    print("%s|%s|%s" % (e.get("code"), e.get("title"), e.get("message")))
except Exception:
    print("<no error body>")' "$out"
}

# Identity needs no compute hosts; running without them also checks that a
# server with none stays up and shuts down cleanly.
compat_begin compat-identity --hosts 0

# --- admin token ------------------------------------------------------------------
admin_token=""
if as_admin token issue -f json; then
    admin_token=$(field id)
    token_project=$(field project_id)
    token_user=$(field user_id)
    admin_project_id=""
    if as_admin project show admin -f value -c id; then admin_project_id=$out; fi
    [[ -n $admin_token && -n $token_user && -n $admin_project_id && $token_project == "$admin_project_id" ]]
    verdict "token issue" "id='$admin_token' project_id='$token_project' user_id='$token_user' admin project='$admin_project_id'"
else
    fail "token issue" "openstack exited non-zero"
fi

# --- catalog ----------------------------------------------------------------------
# Each of identity, compute and image needs a public RegionOne endpoint at its URL.
if as_admin catalog list -f json; then
    missing=$("$py" -c '
import json, sys
base, catalog = sys.argv[1], json.loads(sys.argv[2])
want = {"identity": "/identity", "compute": "/compute/v2.1", "image": "/image"}
missing = []
for stype, path in want.items():
    ok = any(s.get("Type") == stype and any(
                e.get("interface") == "public"
                and "RegionOne" in (e.get("region_id"), e.get("region"))
                and e.get("url", "").rstrip("/") == base + path
                for e in s.get("Endpoints") or [])
             for s in catalog)
    if not ok:
        missing.append("%s public RegionOne %s%s" % (stype, base, path))
print("; ".join(missing))' "$STRATUS_URL" "$out" 2>&1)
    [[ -z $missing ]]
    verdict "catalog list" "missing: $missing"
else
    fail "catalog list" "openstack exited non-zero"
fi

# --- project demo -----------------------------------------------------------------
demo_id=""
if as_admin project create demo -f json; then
    demo_id=$(field id)
    name=$(field name) domain=$(field domain_id)
    [[ -n $demo_id && $name == demo && $domain == default ]]
    verdict "project create demo" "name='$name' domain_id='$domain' id='$demo_id'"
else
    fail "project create demo" "openstack exited non-zero"
fi
if as_admin project list -f value -c ID -c Name; then
    grep -qxF "$demo_id demo" <<<"$out"
    check $? "project list shows demo" "got: $(tr '\n' ';' <<<"$out")"
else
    fail "project list shows demo" "openstack exited non-zero"
fi

# --- user alice -------------------------------------------------------------------
alice_password=$(stratus_random_password)
alice_id=""
if as_admin user create --password "$alice_password" --project demo alice -f json; then
    alice_id=$(field id)
    name=$(field name) domain=$(field domain_id) default_project=$(field default_project_id)
    [[ -n $alice_id && $name == alice && $domain == default && $default_project == "$demo_id" \
        && $out != *"$alice_password"* ]]
    verdict "user create alice" "name='$name' domain_id='$domain' default_project_id='$default_project' (or the password was echoed)"
else
    fail "user create alice" "openstack exited non-zero"
fi

# --- role assignment --------------------------------------------------------------
if as_admin role add --project demo --user alice member; then
    [[ -z $out ]]
    verdict "role add member" "unexpected output: $out"
else
    fail "role add member" "openstack exited non-zero"
fi
if as_admin role assignment list --project demo --user alice --names -f value -c Role -c User -c Project; then
    grep -qxF "member alice@Default demo@Default" <<<"$out"
    check $? "role assignment list" "got: $(tr '\n' ';' <<<"$out")"
else
    fail "role assignment list" "openstack exited non-zero"
fi

# --- alice's token ----------------------------------------------------------------
alice_token=""
if as_alice token issue -f json; then
    alice_token=$(field id)
    project=$(field project_id) user=$(field user_id)
    [[ -n $alice_token && $project == "$demo_id" && $user == "$alice_id" ]]
    verdict "token issue as alice (demo)" "project_id='$project' (demo '$demo_id') user_id='$user' (alice '$alice_id')"
else
    fail "token issue as alice (demo)" "openstack exited non-zero"
fi

if as_alice project create forbidden-by-policy; then
    fail "member cannot create a project" "project create as alice succeeded"
else
    grep -qE '(^|[^0-9])403([^0-9]|$)' <<<"$err"
    verdict "member cannot create a project" "expected a 403"
fi

http GET /identity/v3/auth/tokens -H "X-Auth-Token: $admin_token" -H "X-Subject-Token: $alice_token"
[[ $status == 200 && -n $alice_id && $out == *"$alice_id"* ]]
verdict "validate alice token (before revoke)" "status $status"

if with_token "$alice_token" token issue -f value -c project_id; then
    [[ $out == "$demo_id" ]]
    verdict "token auth with alice token (before revoke)" "project_id='$out'"
else
    fail "token auth with alice token (before revoke)" "openstack exited non-zero"
fi

# --- revoke -----------------------------------------------------------------------
if as_admin token revoke "$alice_token"; then
    pass "token revoke alice token"
else
    fail "token revoke alice token" "openstack exited non-zero"
fi

http GET /identity/v3/auth/tokens -H "X-Auth-Token: $admin_token" -H "X-Subject-Token: $alice_token"
[[ $status == 404 ]]
verdict "validate revoked token -> 404" "status $status"

http HEAD /identity/v3/auth/tokens -H "X-Auth-Token: $admin_token" -H "X-Subject-Token: $alice_token"
[[ $status == 404 ]]
verdict "HEAD revoked token -> 404" "status $status"

if with_token "$alice_token" token issue -f value -c id; then
    fail "token auth with revoked token fails" "a new token was issued: $out"
else
    grep -qE '(^|[^0-9])401([^0-9]|$)' <<<"$err"
    verdict "token auth with revoked token fails" "expected a 401"
fi

http GET /identity/v3/auth/tokens -H "X-Auth-Token: $admin_token" -H "X-Subject-Token: $admin_token"
[[ $status == 200 ]]
verdict "admin token still valid after revoke" "status $status"

# --- authentication failures --------------------------------------------------------
password_auth admin "wrong-$STRATUS_PASSWORD"
wrong_status=$status
wrong_message=$(error_message)
password_auth "no-such-user-$$" "$STRATUS_PASSWORD"
unknown_status=$status
unknown_message=$(error_message)
[[ $wrong_status == 401 ]]
verdict "wrong password -> 401" "status $wrong_status ($wrong_message)"
[[ $unknown_status == 401 ]]
verdict "unknown user -> 401" "status $unknown_status ($unknown_message)"
[[ $wrong_message == "$unknown_message" && $wrong_message != "<no error body>" ]]
verdict "same error for wrong password and unknown user" \
    "wrong password: '$wrong_message' / unknown user: '$unknown_message'"

if run_cli OS_AUTH_URL="$STRATUS_AUTH_URL" OS_IDENTITY_API_VERSION=3 OS_USERNAME=admin \
    OS_PASSWORD="wrong-$STRATUS_PASSWORD" OS_PROJECT_NAME=admin OS_USER_DOMAIN_NAME=Default \
    OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne -- token issue -f value -c id; then
    fail "openstack CLI rejects wrong password" "a token was issued"
else
    grep -qE '(^|[^0-9])401([^0-9]|$)' <<<"$err"
    verdict "openstack CLI rejects wrong password" "expected a 401"
fi

# --- clean shutdown -------------------------------------------------------------------
kill -TERM "$STRATUS_PID"
shutdown_rc=timeout
for _ in $(seq 1 50); do
    if ! kill -0 "$STRATUS_PID" 2>/dev/null; then
        wait "$STRATUS_PID" && shutdown_rc=0 || shutdown_rc=$?
        break
    fi
    sleep 0.1
done
[[ $shutdown_rc == 0 ]]
verdict "SIGTERM shuts the server down cleanly (exit 0)" "exit status $shutdown_rc"

compat_end
