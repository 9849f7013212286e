#!/usr/bin/env python3
"""A seeded fuzz campaign against a live Stratus: every write endpoint of every API.

Run by scripts/fuzz-api.sh, which starts a throwaway server; standalone (Python 3
standard library only, loopback only):

    python3 scripts/lib/fuzz_api.py --url http://127.0.0.1:PORT --password ADMIN_PASSWORD \
        [--pid SERVER_PID] [--log SERVER_LOG] [--seed N] [--requests N] [--time-limit S]
    python3 scripts/lib/fuzz_api.py --list-endpoints

What it does:
  1. Setup as the cloud admin: projects fuzz-a (a member and a reader) and fuzz-b (an
     admin of fuzz-b only), victims for the identity writes (a project, a user, a group,
     two roles, a domain), and a flavor (+ a private one), a server, a key pair, images,
     a network + subnet + port, a security group + rule, a volume, an aggregate, a server
     group and a secret, so write endpoints have real targets. Targets a write removed
     are made again before the next state digest; fuzz-made leftovers are cleaned up.
  2. Requests: each is a function of (seed, index, --requests) alone, so a run is
     reproducible and `--only INDEX` replays one. Up to 76% follow a plan: every leaf of
     every valid body replaced by a Double beyond Int's range, by another extreme number
     and by a wrong type, and every endpoint under each structural mutation (missing and
     unknown fields, deep nesting, odd strings, path ids, wrong methods, invalid and
     truncated JSON, microversion headers, Content-Types, a 5 MiB body, a 1 MB string).
     The rest are drawn at random:
     one of WRITES (every POST/PUT/PATCH/DELETE route, with a valid body) mutated by one
     of CATEGORIES, or a list endpoint of LISTS with extreme query strings. Each is sent
     as a persona: reader, member, the admin of the other project, the cloud admin
     (rarely no token); planned ones mostly as the endpoint's natural owner.
  3. Checks: no status >= 500 (ALLOWED_5XX excepted: Nova's own 501s); the server stays
     up (every LIVENESS_EVERY requests, and at once after a dropped connection); state is
     unchanged by refusals. Per window of --batch requests, those expected to be refused
     are sent first as one segment between two state digests (GET lists of every resource
     kind as the cloud admin, volatile fields removed): if all were refused the digests
     must be equal; an unexpected successful write closes the segment early and may then
     change only what its route may change (TOUCHES). A violation is replayed request by request to
     name the culprit. The window's requests expected to succeed follow, unchecked.
  4. Output: every failure with the exact request, a per-category and a per-API table,
     elapsed seconds, and the last line "fuzz-api: N passed, M failed" (checks, not
     requests). Exit status 0 only when nothing failed; 3 when the server died and
     --restarts-left > 0 (the wrapper restarts it on the same data and resumes).
"""

import argparse
import collections
import copy
import difflib
import http.client
import json
import os
import random
import re
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

# --------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------

# Extreme numbers, as the JSON text sent (exactly; not through a float).
EXTREME_NUMBERS = [
    "1e19", "-1e19", "1.8e308", "-1.8e308", "1e-320", "-0.0", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "18446744073709551616", "2147483647",
    "2147483648", "-1", "0", "1E400", "-1E400", "1e-400", "1.5", "1.0", "-2147483649",
    "4294967296", "0.1", "1" + "0" * 400, "-0",
]
HUGE_STRINGS = [("A" * 1_000_000), ("\u00e9" * 400_000), ("\U0001F600" * 240_000)]
CONTROL_STRINGS = [
    "\u0000", "a\u0000b", "".join(chr(c) for c in range(32)) + "\u007f", "\r\nX-Injected: 1",
    "\u0085\u2028\u2029", "\t", "\b\f", "name\u0000.tail", "\u001b[31mred",
]
UNICODE_STRINGS = [
    "\ud800", "\udfff", "\ud800\udc00", "\U0001F600", "e\u0301" * 200, "\u202eevil", "\u200b",
    "\ufeff", "\U0010ffff", "\uffff", "\ufffe", "\ufb03", "\u00df" * 100, "\u0130" * 300,
    "\u01c5", "\u0390" * 100, "\U0001F3F3\ufe0f\u200d\U0001F308" * 100, "\uff21\uff22", "\u00a0",
    "  leading", "trailing  ", " ", "", "a" * 256, "a" * 255, "a" * 65536, "\U0001F600" * 300,
    "../../etc/passwd", "%00", "${jndi:ldap://127.0.0.1/x}", "' OR 1=1 --", "<script>", "\\",
    "\"", "{}", "null", "True", "-1", "1e19", "9223372036854775808", "\u0663\u0664",
    "\u0000\ud800", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u4e2d\u6587" * 100,
]
WRONG_TYPES = ["fuzz-string", "", [], [1, "a", None], {}, {"a": {"b": []}}, True, False, None, 0]
EXTRA_KEYS = ["fuzz_unknown", "", "\u0000", "__proto__", "id", "project_id", "tenant_id",
              "is_admin", "x" * 1000, "\U0001F600", "links", "owner", "user_id"]
NESTING = [1000, 5000, 20000, 100000]
INVALID_JSON = [
    b"{", b"}", b"[", b'{"a":}', b"{'a': 1}", b'{"a":1,}', b"[1,2,]", b"NaN", b"Infinity",
    b"-Infinity", b'{"a":NaN}', b'{"a":1e99999}', b'{"a":-}', b'{"a":01}', b'{"a":.5}',
    b'{"a":"\\x41"}', b'{"a":"\\ud800"}', b'{"a":"\\udc00\\ud800"}', b'"\\u0000"',
    b'{"a":"\x00"}', b"\xef\xbb\xbf{}", '{"a":1}'.encode("utf-16"), b"\xff\xfe\xfd",
    b'{"a":tru}', b"nul", b'{"a" 1}', b'{"":1}', b'{"a":1}{"b":2}', b"   ", b'{"a":1} x',
    b"1" * 10000, b"-" + b"9" * 400 + b"e-999", b"0." + b"0" * 10000 + b"1", b"1e-400",
    b"[" + b"1," * 100000 + b"1]", b'{"a":"\xc3\x28"}', b'{"a":"\xed\xa0\x80"}', b"\x00",
    b'{"a":1,"a":2}', b"[" * 600 + b"]" * 599,
]
CONTENT_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                 "application/xml", "", None, "application/json; charset=utf-16",
                 "application/json-patch+json", "application/octet-stream", "*/*"]
WEIRD_IDS = [
    "9" * 4096, "%00", "a%00b", "%00%00", "..", "../", "..%2F..%2Fidentity", "%2e%2e", "%2F",
    "%252F", "%", "%ZZ", "%C0%AF", "%FF", "%ED%A0%80", "%E2%80%AE", "%F0%9F%98%80",
    "\u00e9", "\U0001F600", "-1", "0", "1e19", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "18446744073709551616", "2147483648", "0x10", "%20", "null", "None",
    "true", "[]", "{}", "*", "?x=1", ";x", "%3B", "%3F", "~", "'", "%22", "%3Cscript%3E",
    "00000000-0000-0000-0000-000000000000", "{UPPER}", "{ID}%00", "{ID}/", "{ID}%2F..",
    "latest", "detail", "", "9" * 70000,
]
VERSION_VALUES = [
    "2.99999999999999999999", "9223372036854775808.1", "2.9223372036854775808", "-2.1", "2.-1",
    "2.1.1", "2", "2.", ".1", "02.010", "2.0", "1.9", "2.80", "2.81", "3.0", "latest", "LATEST",
    "2.1e3", "0x2.0x1", "\uff12.\uff11", "2.\u0663", "2 .1", "", " ", "2.1 2.2",
    "9" * 1000 + ".1", "+2.1", "2.+1", "NaN", "inf.1", "2.1\t", "18446744073709551616.18446744073709551616",
]
QUERY_NUMBERS = ["-1", "0", "1", "1e19", "9223372036854775807", "9223372036854775808",
                 "-9223372036854775809", "18446744073709551616", "2147483648", "1.8e308", "-0.0",
                 "NaN", "inf", "", "abc", "9" * 1000, "0x10", "1.5", "%00", "\u0663"]
QUERY_TIMES = ["9999-12-31T23:59:59Z", "0000-00-00", "-1", "2020-02-30T00:00:00Z",
               "2020-01-01T00:00:00+99:99", "1e19", "", "292277026596-12-04T15:30:07Z",
               "2020-01-01T00:00:00.99999999999999999999Z", "\u0662\u0660\u0662\u0660-01-01",
               "2020-01-01", "2020-01-01T00:00:00", "0001-01-01T00:00:00Z", "9" * 500,
               "2020-13-45T25:61:61Z", "gte:2020-01-01T00:00:00Z", "lt:", "2020-01-01 00:00:00.123",
               "-292277022657-01-27T08:29:52Z"]
QUERY_WORDS = ["id", "name", "created_at", "__class__", "", "x" * 1000, "name:desc", "id:sideways",
               "desc", "asc", "up", "%00", "\U0001F600", "display_name", "updated_at", "size",
               "None", "true", "false", "all", "*", "../", "a,b,c,", ",", "\u0000"]

PERSONAS = ["reader", "member", "padmin", "admin", "anonymous"]
PERSONA_WEIGHTS = [24, 24, 24, 24, 4]

CATEGORIES = ["valid", "number", "type", "huge-string", "control", "unicode", "extra-field",
              "missing-field", "deep-nesting", "big-body", "invalid-json", "truncated-json",
              "content-type", "wrong-method", "path-id", "version-header"]
CATEGORY_WEIGHTS = [5, 18, 12, 2, 5, 8, 6, 6, 4, 1, 5, 4, 4, 4, 10, 4]
QUERY_SHARE = 0.12  # of all requests: GETs of list endpoints with extreme query strings

PEM = """-----BEGIN CERTIFICATE-----
MIIBgjCCASmgAwIBAgIUWPDKNCbhqgNyihs54HY5qt6Naw0wCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMc3RyYXR1cy1mdXp6MB4XDTI2MTIwNzE3MTAxMloXDTQ4MTEw
MTE3MTAxMlowFzEVMBMGA1UEAwwMc3RyYXR1cy1mdXp6MFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEEHCMgKpyc7FsmBF0Us8lHmXHqL9cG8AYPhCmAzyK+yMWjiz9
lAB+iKPn/3fEbk+09gnxYWeKxriw1SKaaW8UIKNTMFEwHQYDVR0OBBYEFF7+PEaN
Bau54Hu2m6pPgBjegj2YMB8GA1UdIwQYMBaAFF7+PEaNBau54Hu2m6pPgBjegj2Y
MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgCE8FNsZNHFGyOXVo
PZoWLwrlt/u+EhaOlSAflfFXcPoCIEAdZWCCMeVAcpTLUJD8UH888Nmn7+DfvQss
ZgnAr57J
-----END CERTIFICATE-----
"""
SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIPIJEegggsqt9L7VRcPAvueNTl58As/wIljzTCa7WOC fuzz"

# --------------------------------------------------------------------------------------
# Endpoints, as data. Placeholders {name} are the setup's ids, resolved at send time.
# --------------------------------------------------------------------------------------

NOBODY = object()
C = "/compute/v2.1/"
I = "/identity/v3/"
G = "/image/v2/"
N = "/network/v2.0/"
V = "/volume/v3/"
K = "/key-manager/v1/"


def W(api, method, path, body=NOBODY, mv=None, ctype="application/json", headers=None, name=None):
    return {"api": api, "method": method, "path": path, "body": body, "mv": mv, "ctype": ctype,
            "headers": headers or [], "name": name or f"{method} {path}"}


def action(body, mv=None, name=None):
    key = next(iter(body))
    return W("compute", "POST", C + "servers/{server}/action", body, mv, name=name or f"server action {key}@{mv or '2.1'}")


SERVER_CREATE = {"server": {
    "name": "fuzz-vm-new", "imageRef": "{boot_image}", "flavorRef": "{flavor}",
    "networks": [{"uuid": "{shared_network}"}], "metadata": {"k": "v"}, "security_groups": [{"name": "default"}],
    "key_name": "{keypair}", "availability_zone": "nova", "min_count": 1, "max_count": 1,
    "adminPass": "pass-1234", "accessIPv4": "192.0.2.1", "accessIPv6": "2001:db8::1",
    "OS-DCF:diskConfig": "AUTO", "user_data": "aGVsbG8=", "config_drive": True,
    "personality": [{"path": "/etc/motd", "contents": "aGVsbG8="}]}}
SERVER_CREATE_274 = {"server": {
    "name": "fuzz-vm-new", "imageRef": "{boot_image}", "flavorRef": "{flavor}", "networks": "auto",
    "description": "fuzz", "tags": ["t1"], "block_device_mapping_v2": [{
        "boot_index": 0, "uuid": "{boot_image}", "source_type": "image", "destination_type": "local",
        "delete_on_termination": True}]},
    "os:scheduler_hints": {"group": "{server_group}", "same_host": "{server}"}}

WRITES = [
    # ---- Identity v3
    W("identity", "POST", I + "auth/tokens", {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "fuzz-victim-user", "domain": {"id": "default"}, "password": "victim-secret-1"}}},
        "scope": {"project": {"name": "fuzz-victim", "domain": {"name": "Default"}}}}}, name="auth password"),
    W("identity", "POST", I + "auth/tokens", {"auth": {"identity": {"methods": ["token"], "token": {"id": "{victim_token}"}},
        "scope": {"system": {"all": True}}}}, name="auth token"),
    W("identity", "DELETE", I + "auth/tokens", headers=[("X-Subject-Token", "{victim_token}")]),
    W("identity", "POST", I + "users/{victim_user}/password", {"user": {
        "original_password": "victim-secret-1", "password": "victim-secret-1"}}),
    W("identity", "POST", I + "projects", {"project": {"name": "fuzz-p-new", "domain_id": "default", "description": "d",
        "enabled": True, "tags": ["t1"], "parent_id": "default", "is_domain": False}}),
    W("identity", "PATCH", I + "projects/{victim_project}", {"project": {"name": "fuzz-victim", "description": "x",
        "enabled": True, "tags": ["a"]}}),
    W("identity", "DELETE", I + "projects/{victim_project}"),
    W("identity", "PUT", I + "projects/{victim_project}/tags", {"tags": ["a", "b"]}),
    W("identity", "DELETE", I + "projects/{victim_project}/tags"),
    W("identity", "PUT", I + "projects/{victim_project}/tags/{tag}"),
    W("identity", "DELETE", I + "projects/{victim_project}/tags/{tag}"),
    W("identity", "POST", I + "users", {"user": {"name": "fuzz-u-new", "domain_id": "default", "password": "pw-123456",
        "enabled": True, "default_project_id": "{victim_project}", "email": "a@example.org", "description": "d",
        "fuzz_extra": {"k": [1, 2]}}}),
    W("identity", "PATCH", I + "users/{victim_user}", {"user": {"name": "fuzz-victim-user", "email": "x@example.org",
        "enabled": True, "description": "d", "default_project_id": None}}),
    W("identity", "DELETE", I + "users/{victim_user}"),
    W("identity", "POST", I + "groups", {"group": {"name": "fuzz-g-new", "domain_id": "default", "description": "d"}}),
    W("identity", "PATCH", I + "groups/{group}", {"group": {"name": "fuzz-group", "description": "d"}}),
    W("identity", "DELETE", I + "groups/{group}"),
    W("identity", "PUT", I + "groups/{group}/users/{victim_user}"),
    W("identity", "DELETE", I + "groups/{group}/users/{victim_user}"),
    W("identity", "POST", I + "roles", {"role": {"name": "fuzz-r-new", "description": "d", "domain_id": None}}),
    W("identity", "PATCH", I + "roles/{role}", {"role": {"name": "fuzz-role", "description": "d"}}),
    W("identity", "DELETE", I + "roles/{role}"),
    W("identity", "PUT", I + "roles/{role}/implies/{role2}"),
    W("identity", "DELETE", I + "roles/{role}/implies/{role2}"),
    W("identity", "POST", I + "domains", {"domain": {"name": "fuzz-d-new", "description": "d", "enabled": True}}),
    W("identity", "PATCH", I + "domains/{domain}", {"domain": {"name": "fuzz-domain", "description": "d", "enabled": True}}),
    W("identity", "DELETE", I + "domains/{domain}"),
] + [
    W("identity", method, I + scope + "/" + actor + "/roles/{role}")
    for scope in ("projects/{victim_project}", "domains/{domain}", "system")
    for actor in ("users/{victim_user}", "groups/{group}")
    for method in ("PUT", "DELETE")
] + [
    # ---- Compute v2.1: flavors, extra specs, access
    W("compute", "POST", C + "flavors", {"flavor": {"name": "fuzz-fl-new", "ram": 64, "vcpus": 1, "disk": 1,
        "id": "fuzz-fl-new", "OS-FLV-EXT-DATA:ephemeral": 0, "swap": 0, "rxtx_factor": 1.0,
        "os-flavor-access:is_public": True, "description": "d"}}, mv="2.55", name="flavor create@2.55"),
    W("compute", "POST", C + "flavors", {"flavor": {"name": "fuzz-fl-new2", "ram": 64, "vcpus": 1, "disk": 1,
        "id": None, "os-flavor-access:is_public": "false"}}, name="flavor create@2.1"),
    W("compute", "PUT", C + "flavors/{flavor}", {"flavor": {"description": "d"}}, mv="2.55"),
    W("compute", "DELETE", C + "flavors/{flavor}"),
    W("compute", "POST", C + "flavors/{flavor}/os-extra_specs", {"extra_specs": {"hw:cpu_policy": "shared", "fuzz:k": "v",
        "fuzz:n": 1, "fuzz:b": True}}),
    W("compute", "PUT", C + "flavors/{flavor}/os-extra_specs/fuzz:k", {"fuzz:k": "v2"}),
    W("compute", "DELETE", C + "flavors/{flavor}/os-extra_specs/fuzz:k"),
    W("compute", "POST", C + "flavors/{private_flavor}/action", {"addTenantAccess": {"tenant": "{project_b}"}},
      name="flavor action addTenantAccess"),
    W("compute", "POST", C + "flavors/{private_flavor}/action", {"removeTenantAccess": {"tenant": "{project_b}"}},
      name="flavor action removeTenantAccess"),
    # servers
    W("compute", "POST", C + "servers", SERVER_CREATE, name="server create@2.1"),
    W("compute", "POST", C + "servers", SERVER_CREATE_274, mv="2.74", name="server create@2.74"),
    W("compute", "PUT", C + "servers/{server}", {"server": {"name": "fuzz-vm", "description": "d",
        "accessIPv4": "192.0.2.2", "accessIPv6": "2001:db8::2", "OS-DCF:diskConfig": "MANUAL"}}, mv="2.19"),
    W("compute", "DELETE", C + "servers/{server}"),
    action({"os-start": None}), action({"os-stop": None}), action({"pause": None}), action({"unpause": None}),
    action({"suspend": None}), action({"resume": None}), action({"reboot": {"type": "SOFT"}}),
    action({"lock": {"locked_reason": "fuzz"}}, "2.73"), action({"lock": None}), action({"unlock": None}),
    action({"forceDelete": None}), action({"restore": None}), action({"injectNetworkInfo": None}),
    action({"os-resetState": {"state": "active"}}),
    action({"createImage": {"name": "fuzz-snap", "metadata": {"k": "v"}}}, "2.45"),
    action({"createBackup": {"name": "fuzz-bk", "backup_type": "daily", "rotation": 1, "metadata": {"k": "v"}}}),
    action({"rebuild": {"imageRef": "{boot_image}", "name": "fuzz-vm", "metadata": {"k": "v"}, "adminPass": "pass-1234",
                        "preserve_ephemeral": False, "accessIPv4": "192.0.2.3", "OS-DCF:diskConfig": "AUTO",
                        "personality": [{"path": "/etc/x", "contents": "eA=="}]}}),
    action({"rebuild": {"imageRef": "{boot_image}", "description": "d", "key_name": "{keypair}", "user_data": "eA==",
                        "trusted_image_certificates": None}}, "2.63"),
    action({"addSecurityGroup": {"name": "{sg_name}"}}), action({"removeSecurityGroup": {"name": "{sg_name}"}}),
    action({"os-getConsoleOutput": {"length": 10}}),
    action({"resize": {"flavorRef": "{resize_flavor}", "OS-DCF:diskConfig": "AUTO"}}),
    action({"confirmResize": None}), action({"revertResize": None}),
    action({"migrate": None}), action({"migrate": {"host": None}}, "2.56"),
    action({"os-migrateLive": {"block_migration": False, "disk_over_commit": False, "host": None}}),
    action({"os-migrateLive": {"block_migration": "auto", "host": None, "force": False}}, "2.30"),
    action({"fuzzNoSuchAction": {}}),
    # metadata, tags, password
    W("compute", "POST", C + "servers/{server}/metadata", {"metadata": {"k1": "v1"}}),
    W("compute", "PUT", C + "servers/{server}/metadata", {"metadata": {"k1": "v1", "k2": "v2"}}),
    W("compute", "PUT", C + "servers/{server}/metadata/k1", {"meta": {"k1": "v1"}}),
    W("compute", "DELETE", C + "servers/{server}/metadata/k1"),
    W("compute", "PUT", C + "servers/{server}/tags", {"tags": ["t1", "t2"]}, mv="2.26"),
    W("compute", "DELETE", C + "servers/{server}/tags", mv="2.26"),
    W("compute", "PUT", C + "servers/{server}/tags/{tag}", mv="2.26"),
    W("compute", "DELETE", C + "servers/{server}/tags/{tag}", mv="2.26"),
    W("compute", "DELETE", C + "servers/{server}/os-server-password"),
    # key pairs, server groups, aggregates
    W("compute", "POST", C + "os-keypairs", {"keypair": {"name": "fuzz-kp-new", "public_key": SSH_KEY, "type": "ssh",
        "user_id": "{member_user}"}}, mv="2.10", name="keypair create@2.10"),
    W("compute", "POST", C + "os-keypairs", {"keypair": {"name": "fuzz-kp-new2", "public_key": SSH_KEY}},
      name="keypair create@2.1"),
    W("compute", "DELETE", C + "os-keypairs/{keypair}"),
    W("compute", "DELETE", C + "os-keypairs/{keypair}?user_id={member_user}", mv="2.10", name="keypair delete@2.10"),
    W("compute", "POST", C + "os-server-groups", {"server_group": {"name": "fuzz-sg-new", "policy": "anti-affinity",
        "rules": {"max_server_per_host": 3}}}, mv="2.64", name="server group create@2.64"),
    W("compute", "POST", C + "os-server-groups", {"server_group": {"name": "fuzz-sg-new", "policies": ["affinity"]}},
      name="server group create@2.1"),
    W("compute", "DELETE", C + "os-server-groups/{server_group}"),
    W("compute", "POST", C + "os-aggregates", {"aggregate": {"name": "fuzz-agg-new", "availability_zone": "fuzz-az-new"}}),
    W("compute", "PUT", C + "os-aggregates/{aggregate}", {"aggregate": {"name": "fuzz-agg", "availability_zone": "fuzz-az"}}),
    W("compute", "DELETE", C + "os-aggregates/{aggregate}"),
    # The fuzzed cloud's hosts are up: every delete is refused (409) or malformed (400/404).
    W("compute", "DELETE", C + "os-services/1", name="service delete@2.1"),
    W("compute", "DELETE", C + "os-services/00000000-0000-0000-0000-000000000000", mv="2.53", name="service delete@2.53"),
    W("compute", "POST", C + "os-aggregates/{aggregate}/action", {"add_host": {"host": "{hostname}"}},
      name="aggregate action add_host"),
    # Stratus's own: join tokens that enroll remote hosts (administrators; a refused create makes none).
    W("compute", "POST", C + "os-stratus-join-tokens", {"join_token": {"ttl_seconds": 600, "description": "fuzz"}}),
    W("compute", "DELETE", C + "os-stratus-join-tokens/0123456789abcdef0123456789abcdef", name="join token delete"),
    W("compute", "POST", C + "os-aggregates/{aggregate}/action", {"remove_host": {"host": "{hostname}"}},
      name="aggregate action remove_host"),
    W("compute", "POST", C + "os-aggregates/{aggregate}/action", {"set_metadata": {"metadata": {"k": "v", "gone": None}}},
      name="aggregate action set_metadata"),
    # quotas
    W("compute", "PUT", C + "os-quota-sets/{project_b}", {"quota_set": {"instances": 50, "cores": 100, "ram": 512000,
        "metadata_items": 128, "key_pairs": 100, "server_groups": 10, "server_group_members": 10, "injected_files": 5,
        "injected_file_content_bytes": 10240, "injected_file_path_bytes": 255, "force": True}}),
    W("compute", "PUT", C + "os-quota-sets/{project_b}?user_id={member_user}", {"quota_set": {"instances": 40}},
      name="quota set per user"),
    W("compute", "DELETE", C + "os-quota-sets/{project_b}"),
    W("compute", "PUT", C + "os-quota-class-sets/default", {"quota_class_set": {"instances": 10, "cores": 20,
        "ram": 51200, "metadata_items": 128, "key_pairs": 100, "server_groups": 10, "server_group_members": 10}},
      mv="2.50"),
    # volumes through compute
    W("compute", "POST", C + "servers/{server}/os-volume_attachments", {"volumeAttachment": {"volumeId": "{volume}",
        "device": "/dev/vdb", "tag": "t", "delete_on_termination": False}}, mv="2.79"),
    W("compute", "PUT", C + "servers/{server}/os-volume_attachments/{volume}", {"volumeAttachment": {"volumeId": "{volume}"}}),
    W("compute", "DELETE", C + "servers/{server}/os-volume_attachments/{volume}"),
    W("compute", "POST", C + "os-volumes", {"volume": {"size": 1, "display_name": "fuzz-pvol-new",
        "display_description": "d", "metadata": {"k": "v"}, "availability_zone": "nova", "volume_type": None}}),
    W("compute", "DELETE", C + "os-volumes/{volume}"),
    W("compute", "POST", C + "os-server-external-events", {"events": [{"name": "network-changed",
        "server_uuid": "{server}", "status": "completed", "tag": "t"}]}),
    W("compute", "POST", C + "os-server-external-events", {"events": [{"name": "power-update",
        "server_uuid": "{server}", "status": "completed", "tag": "POWER_OFF"}]}, mv="2.76", name="external events@2.76"),
    # security group proxy
    W("compute", "POST", C + "os-security-groups", {"security_group": {"name": "fuzz-nsg-new", "description": "d"}}),
    W("compute", "PUT", C + "os-security-groups/{sg}", {"security_group": {"name": "fuzz-sg", "description": "d"}}),
    W("compute", "DELETE", C + "os-security-groups/{sg}"),
    W("compute", "POST", C + "os-security-group-rules", {"security_group_rule": {"parent_group_id": "{sg}",
        "ip_protocol": "tcp", "from_port": 2222, "to_port": 2222, "cidr": "10.9.0.0/16", "group_id": None}}),
    W("compute", "DELETE", C + "os-security-group-rules/{sgr}"),
    # os-services / os-hosts (os-services has no write route: these must be 404/405)
    W("compute", "PUT", C + "os-services/{service_id}", {"status": "disabled", "disabled_reason": "fuzz"}, mv="2.53"),
    W("compute", "PUT", C + "os-services/disable", {"host": "{hostname}", "binary": "nova-compute"}),
    W("compute", "PUT", C + "os-hosts/{hostname}", {"status": "enable", "maintenance_mode": "disable"}),
    # image proxy
    W("compute", "POST", C + "images/{image}/metadata", {"metadata": {"k": "v"}}),
    W("compute", "PUT", C + "images/{image}/metadata", {"metadata": {"k": "v"}}),
    W("compute", "PUT", C + "images/{image}/metadata/k", {"meta": {"k": "v"}}),
    W("compute", "DELETE", C + "images/{image}/metadata/k"),
    W("compute", "DELETE", C + "images/{image}"),
    # ---- Image v2
    W("image", "POST", G + "images", {"name": "fuzz-img-new", "disk_format": "raw", "container_format": "bare",
        "visibility": "private", "min_disk": 0, "min_ram": 0, "tags": ["a"], "protected": False, "fuzz_prop": "v"}),
    W("image", "PATCH", G + "images/{image}", [{"op": "replace", "path": "/name", "value": "fuzz-image"},
        {"op": "add", "path": "/fuzz_prop", "value": "v"}, {"op": "replace", "path": "/min_ram", "value": 0},
        {"op": "remove", "path": "/fuzz_gone"}], ctype="application/openstack-images-v2.1-json-patch",
      name="image patch v2.1"),
    W("image", "PATCH", G + "images/{image}", [{"replace": "/name", "value": "fuzz-image"}],
      ctype="application/openstack-images-v2.0-json-patch", name="image patch v2.0"),
    W("image", "DELETE", G + "images/{image}"),
    W("image", "POST", G + "images/{image}/members", {"member": "{project_b}"}),
    W("image", "PUT", G + "images/{image}/members/{project_b}", {"status": "accepted"}),
    W("image", "DELETE", G + "images/{image}/members/{project_b}"),
    W("image", "POST", G + "images/{image}/actions/deactivate"),
    W("image", "POST", G + "images/{image}/actions/reactivate"),
    W("image", "PUT", G + "images/{image}/tags/{tag}"),
    W("image", "DELETE", G + "images/{image}/tags/{tag}"),
    W("image", "PUT", G + "images/{queued_image}/file", b"fuzz image data\n" * 8, ctype="application/octet-stream"),
    # ---- Networking v2.0
    W("network", "POST", N + "networks", {"network": {"name": "fuzz-net-new", "admin_state_up": True, "description": "d",
        "mtu": 1400, "port_security_enabled": True, "shared": False}}),
    W("network", "PUT", N + "networks/{network}", {"network": {"name": "fuzz-net", "description": "d", "admin_state_up": True}}),
    W("network", "DELETE", N + "networks/{network}"),
    W("network", "POST", N + "subnets", {"subnet": {"network_id": "{network}", "ip_version": 4, "cidr": "192.168.77.0/24",
        "name": "fuzz-sub-new", "gateway_ip": "192.168.77.1", "allocation_pools": [{"start": "192.168.77.10",
        "end": "192.168.77.20"}], "enable_dhcp": True, "dns_nameservers": ["192.0.2.53"], "host_routes": []}}),
    W("network", "PUT", N + "subnets/{subnet}", {"subnet": {"name": "fuzz-subnet", "description": "d", "enable_dhcp": True,
        "dns_nameservers": ["192.0.2.53"]}}),
    W("network", "DELETE", N + "subnets/{subnet}"),
    W("network", "POST", N + "ports", {"port": {"network_id": "{network}", "name": "fuzz-port-new", "admin_state_up": True,
        "fixed_ips": [{"subnet_id": "{subnet}"}], "security_groups": ["{sg}"], "description": "d",
        "binding:vnic_type": "normal", "mac_address": "fa:16:3e:00:00:99"}}),
    W("network", "PUT", N + "ports/{port}", {"port": {"name": "fuzz-port", "description": "d", "security_groups": ["{sg}"],
        "admin_state_up": True, "port_security_enabled": True}}),
    W("network", "DELETE", N + "ports/{port}"),
    W("network", "POST", N + "security-groups", {"security_group": {"name": "fuzz-sg-new", "description": "d",
        "stateful": True}}),
    W("network", "PUT", N + "security-groups/{sg}", {"security_group": {"name": "fuzz-sg", "description": "d"}}),
    W("network", "DELETE", N + "security-groups/{sg}"),
    W("network", "POST", N + "security-group-rules", {"security_group_rule": {"security_group_id": "{sg}",
        "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 80, "port_range_max": 81,
        "remote_ip_prefix": "10.1.0.0/16", "description": "d"}}),
    W("network", "DELETE", N + "security-group-rules/{sgr}"),
    W("network", "PUT", N + "quotas/{project_b}", {"quota": {"network": 100, "subnet": 100, "port": 500,
        "security_group": 10, "security_group_rule": 100, "router": 10, "floatingip": 50, "check_limit": True,
        "project_id": "{project_b}"}}),
    W("network", "DELETE", N + "quotas/{project_b}"),
    # ---- Block Storage v3
    W("volume", "POST", V + "volumes", {"volume": {"size": 1, "name": "fuzz-vol-new", "description": "d",
        "metadata": {"a": "b"}, "availability_zone": None, "volume_type": None, "multiattach": False}}),
    W("volume", "POST", V + "{project_a}/volumes", {"volume": {"size": "1", "display_name": "fuzz-vol-new"}},
      name="volume create (project in path)"),
    W("volume", "PUT", V + "volumes/{volume}", {"volume": {"name": "fuzz-vol", "description": "d", "metadata": {"k": "v"}}}),
    W("volume", "PUT", V + "{project_a}/volumes/{volume}", {"volume": {"display_name": "fuzz-vol"}},
      name="volume update (project in path)"),
    W("volume", "POST", V + "volumes/{volume}/action", {"os-set_bootable": {"bootable": True}}),
    W("volume", "POST", V + "volumes/{volume}/action", {"os-extend": {"new_size": 2}}, name="volume action os-extend"),
    W("volume", "DELETE", V + "volumes/{volume}"),
    W("volume", "PUT", V + "os-quota-sets/{project_b}", {"quota_set": {"volumes": 10, "gigabytes": 1000,
        "snapshots": 10, "backups": 10, "backup_gigabytes": 1000, "per_volume_gigabytes": -1, "groups": 10}}),
    W("volume", "PUT", V + "{project_a}/os-quota-sets/{project_b}", {"quota_set": {"volumes": "10"}},
      name="volume quota set (project in path)"),
    W("volume", "DELETE", V + "os-quota-sets/{project_b}"),
    W("volume", "PUT", V + "os-quota-class-sets/default", {"quota_class_set": {"volumes": 10, "gigabytes": 1000}}),
    # ---- Key manager v1
    W("keymanager", "POST", K + "secrets", {"name": "fuzz-secret-new", "payload": PEM, "payload_content_type": "text/plain",
        "secret_type": "certificate"}),
    W("keymanager", "DELETE", K + "secrets/{secret}"),
]

# List endpoints for the query-string fuzz: (api, path, parameter names, microversion).
SERVER_PARAMS = ["limit", "marker", "changes-since", "changes-before", "sort_key", "sort_dir", "all_tenants", "name",
                 "ip", "ip6", "tags", "tags-any", "not-tags", "status", "locked", "deleted", "flavor", "image",
                 "project_id", "host", "created_at", "uuid", "power_state", "fuzz"]
LISTS = [
    ("compute", C + "servers", SERVER_PARAMS, None), ("compute", C + "servers/detail", SERVER_PARAMS, "2.80"),
    ("compute", C + "servers/detail", SERVER_PARAMS, "2.26"),
    ("compute", C + "flavors", ["limit", "marker", "minRam", "minDisk", "is_public", "sort_key", "sort_dir"], None),
    ("compute", C + "flavors/detail", ["limit", "marker", "minRam", "minDisk", "is_public", "sort_key", "sort_dir"], "2.80"),
    ("compute", C + "os-keypairs", ["limit", "marker", "user_id"], "2.35"),
    ("compute", C + "os-server-groups", ["limit", "offset", "all_projects"], "2.80"),
    ("compute", C + "os-hypervisors", ["limit", "marker", "hypervisor_hostname_pattern", "with_servers"], "2.53"),
    ("compute", C + "os-hypervisors/detail", ["limit", "marker", "with_servers"], "2.33"),
    ("compute", C + "os-migrations", ["limit", "marker", "changes-since", "changes-before", "hidden", "status",
                                      "instance_uuid", "migration_type", "user_id", "project_id"], "2.80"),
    ("compute", C + "servers/{server}/os-instance-actions", ["limit", "marker", "changes-since", "changes-before"], "2.66"),
    ("compute", C + "os-simple-tenant-usage", ["start", "end", "limit", "marker", "detailed"], "2.40"),
    ("compute", C + "os-simple-tenant-usage/{project_a}", ["start", "end", "limit", "marker"], "2.40"),
    ("compute", C + "os-instance_usage_audit_log/2020-01-01%2000:00:00", ["x"], None),
    ("compute", C + "limits", ["tenant_id", "reserved"], None),
    ("compute", C + "os-quota-sets/{project_a}", ["user_id"], None),
    ("compute", C + "os-quota-sets/{project_a}/detail", ["user_id"], "2.75"),
    ("compute", C + "servers/{server}/os-volume_attachments", ["limit", "offset"], "2.79"),
    ("compute", C + "os-volumes/detail", ["limit", "offset"], None),
    ("compute", C + "images/detail", ["limit", "marker", "changes-since", "minRam", "minDisk", "status", "type"], None),
    ("compute", C + "os-security-groups", ["all_tenants", "limit", "offset"], None),
    ("compute", C + "os-services", ["host", "binary"], "2.80"),
    ("compute", C + "os-stratus-join-tokens", ["x"], None),
    ("compute", C + "os-availability-zone/detail", ["x"], None),
    ("image", G + "images", ["limit", "marker", "sort_key", "sort_dir", "sort", "name", "visibility", "member_status",
                              "owner", "status", "tag", "size_min", "size_max", "created_at", "updated_at", "os_hidden",
                              "protected", "disk_format", "id"], None),
    ("image", G + "images/{image}/members", ["x"], None),
    ("network", N + "networks", ["limit", "marker", "sort_key", "sort_dir", "fields", "page_reverse", "name", "id",
                                 "shared", "router:external", "admin_state_up"], None),
    ("network", N + "subnets", ["limit", "marker", "sort_key", "sort_dir", "fields", "cidr", "ip_version"], None),
    ("network", N + "ports", ["limit", "marker", "sort_key", "sort_dir", "fields", "device_id", "network_id",
                              "fixed_ips"], None),
    ("network", N + "security-groups", ["limit", "marker", "sort_key", "sort_dir", "fields", "name"], None),
    ("network", N + "security-group-rules", ["limit", "marker", "sort_key", "sort_dir", "fields", "direction"], None),
    ("volume", V + "volumes", ["limit", "marker", "sort", "all_tenants", "name", "status", "offset"], None),
    ("volume", V + "volumes/detail", ["limit", "marker", "sort", "all_tenants", "name", "status", "project_id"], None),
    ("keymanager", K + "secrets", ["limit", "offset", "name"], None),
    ("network", N + "quotas/{project_a}/details", ["fields"], None),
    ("volume", V + "os-quota-sets/{project_a}", ["usage"], None),
    ("volume", V + "limits", ["project_id", "tenant_id"], None),
    ("identity", I + "projects", ["name", "enabled", "domain_id", "parent_id", "tags"], None),
    ("identity", I + "users", ["name", "enabled", "domain_id", "password_expires_at"], None),
    ("identity", I + "role_assignments", ["user.id", "group.id", "role.id", "scope.project.id", "scope.domain.id",
                                          "scope.system", "effective", "include_names"], None),
    ("identity", I + "roles", ["name", "domain_id"], None),
]

# Nova's own 501s: os-hosts' update/startup/shutdown/reboot are "not implemented" with
# the libvirt driver, and Stratus answers as Nova does. Everything else >= 500 fails.
ALLOWED_5XX = [(re.compile(r"^/compute/v2(\.1)?/os-hosts/[^/?]+(/(startup|shutdown|reboot))?(\?.*)?$"), 501)]

# --------------------------------------------------------------------------------------
# JSON with exact number tokens
# --------------------------------------------------------------------------------------


class Raw:
    """A JSON text inserted as is (an exact number token, a deep nesting)."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def __deepcopy__(self, memo):
        return self

    def __repr__(self):
        return self.text if len(self.text) < 60 else self.text[:40] + f"...({len(self.text)} chars)"


BIG_BODY = Raw('{"pad": "' + "B" * (5 * 1024 * 1024) + '"}')  # 5 MiB


def dump(value, ascii_only=True):
    out = []
    _dump(value, out, ascii_only)
    return "".join(out)


def _dump(v, out, a):
    if isinstance(v, Raw):
        out.append(v.text)
    elif v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, (int, float)):
        out.append(json.dumps(v))
    elif isinstance(v, str):
        out.append(json.dumps(v, ensure_ascii=a))
    elif isinstance(v, list):
        out.append("[")
        for n, x in enumerate(v):
            if n:
                out.append(",")
            _dump(x, out, a)
        out.append("]")
    elif isinstance(v, dict):
        out.append("{")
        for n, (k, x) in enumerate(v.items()):
            if n:
                out.append(",")
            out.append(json.dumps(k, ensure_ascii=a))
            out.append(":")
            _dump(x, out, a)
        out.append("}")
    else:
        raise TypeError(type(v))


def nodes(value, path=()):
    """Every (path, value) below the root, depth first."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield path + (k,), v
            yield from nodes(v, path + (k,))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield path + (n,), v
            yield from nodes(v, path + (n,))


def set_at(value, path, new):
    if not path:
        return new
    target = value
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return value


def get_at(value, path):
    for key in path:
        value = value[key]
    return value


# --------------------------------------------------------------------------------------
# HTTP (loopback only)
# --------------------------------------------------------------------------------------


class RawHTTPConnection(http.client.HTTPConnection):
    """Sends paths as given: %00, ../ and raw UTF-8 included."""

    def _validate_path(self, url):
        pass

    def _validate_host(self, host):
        pass

    def _encode_request(self, request):
        return request.encode("utf-8", "surrogateescape")


class Response:
    __slots__ = ("status", "headers", "body", "error", "elapsed")

    def __init__(self, status, headers, body, error=None, elapsed=0.0):
        self.status, self.headers, self.body, self.error, self.elapsed = status, headers, body, error, elapsed

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class Client:
    def __init__(self, port, timeout):
        self.port, self.timeout, self.conn = port, timeout, None

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
        self.conn = None

    def send(self, method, path, body=None, headers=(), timeout=None):
        if self.conn is None:
            self.conn = RawHTTPConnection("127.0.0.1", self.port, timeout=timeout or self.timeout)
        elif self.conn.sock is not None:
            self.conn.sock.settimeout(timeout or self.timeout)
        start = time.monotonic()
        try:
            self.conn.putrequest(method, path, skip_accept_encoding=True)
            for name, value in headers:
                self.conn.putheader(name, value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value)
            if body is not None:
                self.conn.putheader("Content-Length", str(len(body)))
            self.conn.endheaders()
            if body:
                try:
                    self.conn.send(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server may answer (413) before reading it all
            resp = self.conn.getresponse()
            data = resp.read()
            headers_out = {k.lower(): v for k, v in resp.getheaders()}
            if resp.will_close:
                self.close()
            return Response(resp.status, headers_out, data, None, time.monotonic() - start)
        except (OSError, http.client.HTTPException, ValueError) as e:
            self.close()
            return Response(0, {}, b"", f"{type(e).__name__}: {e}", time.monotonic() - start)


# --------------------------------------------------------------------------------------
# Request generation: a request is a function of (seed, index) only
# --------------------------------------------------------------------------------------


class Spec:
    __slots__ = ("index", "category", "api", "name", "method", "path", "body", "headers", "persona", "note",
                 "predicted_success", "ascii_only", "is_write")

    def describe(self, ctx, limit=300):
        path = resolve_text(self.path, ctx)
        shown = path if len(path) <= 200 else path[:160] + f"...({len(path)} chars)"
        body = render_body(self, ctx)
        if body is None:
            excerpt = "(no body)"
        else:
            text = body.decode("utf-8", "backslashreplace")
            excerpt = text if len(text) <= limit else text[:limit] + f"...({len(body)} bytes)"
        heads = "; ".join(f"{k}: {resolve_text(v, ctx)[:80]}" for k, v in self.headers
                          if k.lower() not in ("x-auth-token",))
        return (f"#{self.index} [{self.category}] {self.method} {shown} as {self.persona}"
                f"{' (' + self.note + ')' if self.note else ''}\n      headers: {heads or '-'}\n      body: {excerpt}")


# Numbers a JSON decoder can only hold as a Double, beyond Int's range (Int(x) traps on them).
BIG_DOUBLES = ["1e19", "-1e19", "1.8e308", "-1.8e308", "9223372036854775808", "-9223372036854775809",
               "18446744073709551616", "9.3e18", "-9.3e18"]
# The other extremes: beyond Double, below its smallest normal, negative zero, 32-bit edges.
OTHER_EXTREMES = [n for n in EXTREME_NUMBERS if n not in BIG_DOUBLES]
STRUCTURAL = ["missing-field", "extra-field", "deep-nesting", "unicode", "control", "path-id", "wrong-method",
              "invalid-json", "truncated-json", "version-header", "content-type", "big-body", "huge-string"]
SYSTEMATIC_SHARE = 0.76  # of the requests at most: the plan below, the rest drawn at random
# Every numeric leaf also gets the integer edges (and digit strings their text forms).
INT_EDGES = ["-1", "0", "9223372036854775807", "-9223372036854775808", "2147483648", "4294967296",
             "-2147483649", "1.5"]
DIGIT_STRINGS = ["9223372036854775807", "99999999999999999999", "-1", " 1", "1 ", "0x10", "\u0661", "1e3", "+1", ""]
_plans = {}


def leaves_of(body):
    if body is NOBODY or isinstance(body, bytes):
        return []
    return [p for p, v in nodes(body) if not isinstance(v, (dict, list)) or not v]


def plan(seed, total):
    """The systematic part of a run: every leaf of every valid body replaced by two extreme numbers
    (one a Double beyond Int's range, one of the others) and a wrong type, and every endpoint with each structural mutation once,
    in an order shuffled by the seed. Runs too short for all of it take a prefix."""
    key = (seed, total)
    if key not in _plans:
        items = []
        for e, ep in enumerate(WRITES):
            for n, path in enumerate(leaves_of(ep["body"])):
                items.append((e, "number", path, BIG_DOUBLES[(e + n) % len(BIG_DOUBLES)]))
                items.append((e, "number", path, OTHER_EXTREMES[(e * 7 + n) % len(OTHER_EXTREMES)]))
                items.append((e, "type", path, (e + n) % len(WRONG_TYPES)))
                original = get_at(ep["body"], path)
                if isinstance(original, (int, float)) and not isinstance(original, bool):
                    items += [(e, "number", path, edge) for edge in INT_EDGES]  # counts, sizes, ports, limits
                elif isinstance(original, str) and original.lstrip("-").isdigit():
                    items += [(e, "text", path, edge) for edge in DIGIT_STRINGS]  # integers sent as text
            for cat in STRUCTURAL:
                items.append((e, cat, None, None))
        random.Random(f"{seed}/plan").shuffle(items)
        _plans[key] = items[:min(len(items), int(total * SYSTEMATIC_SHARE))]
    return _plans[key]


def owner(ep):
    """The persona a write naturally belongs to (the one most likely to get past policy)."""
    path = ep["path"]
    if ep["api"] in ("identity", "image", "keymanager") or "quota" in path:
        return "admin"
    if ep["api"] == "compute" and any(word in path for word in (
            "flavors", "os-aggregates", "os-quota", "os-hosts", "os-services", "os-server-external-events",
            "os-stratus-join-tokens",
            "images/")) or (ep["method"] == "PUT" and "os-volume_attachments" in path):
        return "admin"
    return "member"


def generate(seed, index, total):
    """Request `index` of a run of `total`: a function of these alone."""
    rng = random.Random(f"{seed}/{index}")
    spec = Spec()
    spec.index = index
    spec.persona = rng.choices(PERSONAS, PERSONA_WEIGHTS)[0]
    spec.note = ""
    spec.ascii_only = True
    items = plan(seed, total)
    slot, next_slot = index * len(items) // total, (index + 1) * len(items) // total
    item = items[slot] if next_slot > slot else None
    if item is None and rng.random() < QUERY_SHARE / (1 - SYSTEMATIC_SHARE):
        return generate_query(rng, spec)
    ep = WRITES[item[0]] if item else rng.choice(WRITES)
    spec.api, spec.name, spec.method, spec.path = ep["api"], ep["name"], ep["method"], ep["path"]
    spec.body = NOBODY if ep["body"] is NOBODY else copy.deepcopy(ep["body"])
    spec.headers = list(ep["headers"])
    if ep["mv"]:
        spec.headers.append(("OpenStack-API-Version", f"compute {ep['mv']}"))
    has_body = spec.body is not NOBODY
    if has_body:
        spec.headers.append(("Content-Type", ep["ctype"]))
    spec.is_write = True
    if item:
        spec.category = item[1]
        if rng.random() < 0.7:
            spec.persona = owner(ep)
        if item[1] in ("number", "type", "text"):
            value = {"number": lambda: Raw(item[3]), "text": lambda: item[3],
                     "type": lambda: copy.deepcopy(WRONG_TYPES[item[3]])}[item[1]]()
            spec.category = "number" if item[1] == "text" else item[1]
            spec.body = set_at(spec.body, item[2], value)
            spec.note = "at " + "/".join(str(p) for p in item[2]) + " (plan)"
        else:
            mutate(rng, spec, ep, has_body)
            spec.note = (spec.note + " (plan)").strip()
    else:
        spec.category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
        mutate(rng, spec, ep, has_body)
        if spec.path.startswith(C) and rng.random() < 0.05:
            # Nova's deprecated /v2: the same routes at the base version, microversion headers ignored.
            spec.path = "/compute/v2/" + spec.path[len(C):]
            spec.note = (spec.note + ", legacy /v2").lstrip(", ")
    privileged = spec.persona in ("member", "padmin", "admin")
    body_ignored = not has_body and spec.category in (
        "number", "type", "huge-string", "control", "unicode", "extra-field", "missing-field", "deep-nesting",
        "invalid-json", "truncated-json", "content-type")
    spec.predicted_success = spec.method != "GET" and privileged and (spec.category == "valid" or body_ignored)
    spec.is_write = spec.method not in ("GET", "HEAD", "OPTIONS")
    return spec


def extreme_number(rng):
    return Raw(rng.choice(EXTREME_NUMBERS))


def mutate(rng, spec, ep, has_body):
    cat = spec.category
    body = spec.body if has_body else {}
    leaves = [(p, v) for p, v in nodes(body) if not isinstance(v, (dict, list)) or not v]
    every = list(nodes(body))
    if cat == "valid":
        return
    if cat in ("number", "type", "huge-string", "control", "unicode"):
        if not has_body or isinstance(spec.body, bytes):
            # A body where none (or bytes) is expected: the server must ignore or refuse it.
            spec.body = pick_value(rng, cat)
            spec.headers = [h for h in spec.headers if h[0] != "Content-Type"] + [("Content-Type", "application/json")]
            spec.note = "body where none is expected"
            return
        if rng.random() < 0.08 or not every:
            spec.body = pick_value(rng, cat)
            spec.note = "whole body replaced"
            return
        pool = every if cat == "type" else (leaves or every)
        path, _ = rng.choice(pool)
        spec.body = set_at(spec.body, path, pick_value(rng, cat))
        spec.note = "at " + "/".join(str(p) for p in path)
        if cat == "unicode" and rng.random() < 0.3:
            spec.ascii_only = False
            spec.note += ", raw UTF-8 (lone surrogates as CESU-8 bytes)"
    elif cat == "extra-field":
        if not has_body or not isinstance(spec.body, (dict, list)):
            spec.body = {rng.choice(EXTRA_KEYS): pick_value(rng, "number")}
            spec.headers.append(("Content-Type", "application/json"))
            spec.note = "body where none is expected"
            return
        objects = [p for p, v in nodes(spec.body) if isinstance(v, dict)] + [()]
        path = rng.choice(objects)
        target = get_at(spec.body, path)
        if isinstance(target, dict):
            key = rng.choice(EXTRA_KEYS)
            target[key] = rng.choice([pick_value(rng, "number"), pick_value(rng, "type"), "fuzz", None])
            spec.note = f"extra {key[:20]!r} at /" + "/".join(str(p) for p in path)
        else:
            target.append({"fuzz_unknown": 1})
            spec.note = "extra array item"
    elif cat == "missing-field":
        keyed = [(p, v) for p, v in nodes(spec.body) if isinstance(p[-1], str)] if has_body and not isinstance(
            spec.body, bytes) else []
        if not keyed:
            spec.body = {} if rng.random() < 0.5 else Raw("")
            spec.headers.append(("Content-Type", "application/json"))
            spec.note = "empty body"
            return
        path, _ = rng.choice(keyed)
        parent = get_at(spec.body, path[:-1])
        del parent[path[-1]]
        spec.note = "without " + "/".join(str(p) for p in path)
    elif cat == "deep-nesting":
        depth = rng.choice(NESTING)
        nest = Raw("[" * depth + "]" * depth) if rng.random() < 0.5 else Raw('{"a":' * depth + "1" + "}" * depth)
        if not has_body or isinstance(spec.body, bytes) or not every or rng.random() < 0.3:
            spec.body = nest
            spec.headers = [h for h in spec.headers if h[0] != "Content-Type"] + [("Content-Type", "application/json")]
            spec.note = f"whole body nested {depth} deep"
        else:
            path, _ = rng.choice(every)
            spec.body = set_at(spec.body, path, nest)
            spec.note = f"nested {depth} deep at " + "/".join(str(p) for p in path)
    elif cat == "big-body":
        spec.body = BIG_BODY
        spec.headers = [h for h in spec.headers if h[0] != "Content-Type"] + [("Content-Type", "application/json")]
        spec.note = "5 MiB body"
    elif cat == "invalid-json":
        spec.body = rng.choice(INVALID_JSON)
        spec.headers = [h for h in spec.headers if h[0] != "Content-Type"] + [
            ("Content-Type", ep["ctype"] if ep["ctype"] != "application/octet-stream" else "application/json")]
        spec.note = "invalid JSON"
    elif cat == "truncated-json":
        text = dump(spec.body).encode() if has_body and not isinstance(spec.body, bytes) else b'{"fuzz": [1, 2, 3]}'
        cut = rng.randrange(1, max(2, len(text)))
        spec.body = text[:cut]
        if not has_body:
            spec.headers.append(("Content-Type", "application/json"))
        spec.note = f"cut at {cut} of {len(text)} bytes"
    elif cat == "content-type":
        ctype = rng.choice(CONTENT_TYPES)
        spec.headers = [h for h in spec.headers if h[0] != "Content-Type"]
        if ctype is not None:
            spec.headers.append(("Content-Type", ctype))
        if not has_body:
            spec.body = {"fuzz": 1}
        spec.note = f"Content-Type {ctype!r}"
    elif cat == "wrong-method":
        spec.method = rng.choice([m for m in ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")
                                  if m != ep["method"]])
        spec.note = f"instead of {ep['method']}"
    elif cat == "path-id":
        spec.path = mutate_path(rng, spec.path)
        spec.note = "path id"
    elif cat == "version-header":
        value = rng.choice(VERSION_VALUES)
        spec.headers = [h for h in spec.headers if h[0] != "OpenStack-API-Version"]
        form = rng.randrange(5)
        if form == 0:
            spec.headers.append(("OpenStack-API-Version", f"compute {value}"))
        elif form == 1:
            spec.headers.append(("X-OpenStack-Nova-API-Version", value))
        elif form == 2:
            spec.headers += [("OpenStack-API-Version", f"compute {value}"), ("X-OpenStack-Nova-API-Version", "2.1")]
        elif form == 3:
            spec.headers.append(("OpenStack-API-Version", f"volume {value}"))
        else:
            spec.headers += [("OpenStack-API-Version", f"compute {value}"), ("OpenStack-API-Version", "compute 2.1")]
        spec.note = f"version {value[:40]!r} (form {form})"


def pick_value(rng, cat):
    if cat == "number":
        return extreme_number(rng)
    if cat == "type":
        return copy.deepcopy(rng.choice(WRONG_TYPES))
    if cat == "huge-string":
        return rng.choice(HUGE_STRINGS)
    if cat == "control":
        return rng.choice(CONTROL_STRINGS)
    if cat == "unicode":
        return rng.choice(UNICODE_STRINGS)
    raise ValueError(cat)


PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


def mutate_path(rng, path):
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
        query = "?" + query
    holders = list(PLACEHOLDER.finditer(path))
    weird = rng.choice(WEIRD_IDS)
    if holders:
        m = rng.choice(holders)
        name = m.group(1)
        weird = weird.replace("{ID}", "{" + name + "}").replace("{UPPER}", "{" + name + "|upper}")
        return path[:m.start()] + weird + path[m.end():] + query
    weird = weird.replace("{ID}", "x").replace("{UPPER}", "X")
    if rng.random() < 0.5:
        return path + "/" + weird + query
    head, _, _ = path.rstrip("/").rpartition("/")
    return head + "/" + weird + query


def generate_query(rng, spec):
    api, path, params, mv = rng.choice(LISTS)
    spec.category, spec.api, spec.method, spec.is_write = "query", api, "GET", False
    spec.name, spec.body, spec.predicted_success = f"GET {path}", NOBODY, False
    spec.headers = [("OpenStack-API-Version", f"compute {mv}")] if mv else []
    if rng.random() < 0.1:
        spec.headers = [("OpenStack-API-Version", f"compute {rng.choice(VERSION_VALUES)}")]
    pairs = []
    for _ in range(rng.randint(1, 4)):
        key = rng.choice(params)
        if key in ("changes-since", "changes-before", "start", "end", "created_at", "updated_at"):
            value = rng.choice(QUERY_TIMES)
        elif key in ("limit", "offset", "minRam", "minDisk", "size_min", "size_max", "ip_version", "reserved"):
            value = rng.choice(QUERY_NUMBERS)
        elif key == "marker":
            value = rng.choice(["00000000-0000-0000-0000-000000000000", "{server}", "{image}", "{flavor}",
                                "{volume}", "{network}"] + WEIRD_IDS[:20])
        else:
            value = rng.choice(QUERY_WORDS + QUERY_NUMBERS[:6])
        style = rng.random()
        if style < 0.7:
            pairs.append(urllib.parse.quote(key, safe=".:-_") + "=" + urllib.parse.quote(value, safe="{}:-_."))
        elif style < 0.85:
            pairs.append(key + "=" + value.replace("&", "%26").replace("#", "%23").replace(" ", "%20"))
        else:
            pairs.append(key)  # no value at all
    spec.path = path + "?" + "&".join(pairs)
    spec.note = ""
    return spec


# --------------------------------------------------------------------------------------
# Rendering a spec against the setup's ids
# --------------------------------------------------------------------------------------


def resolve_text(text, ctx):
    """{name} -> the setup's id (unknown names stay); {name|upper} -> the id upper-cased."""
    text = re.sub(r"\{([a-z0-9_]+)\|upper\}", lambda m: ctx.get(m.group(1), m.group(0)).upper(), text)
    return PLACEHOLDER.sub(lambda m: ctx.get(m.group(1), m.group(0)), text)


def resolve_value(value, ctx):
    if isinstance(value, str):
        return resolve_text(value, ctx) if "{" in value else value
    if isinstance(value, list):
        return [resolve_value(v, ctx) for v in value]
    if isinstance(value, dict):
        return {resolve_text(k, ctx): resolve_value(v, ctx) for k, v in value.items()}
    return value


def render_body(spec, ctx):
    body = spec.body
    if body is NOBODY:
        return None
    if isinstance(body, bytes):
        return body
    text = dump(resolve_value(body, ctx), ascii_only=spec.ascii_only)
    return text.encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------------------
# The campaign
# --------------------------------------------------------------------------------------

SECTIONS_OF = {
    "identity": {"projects", "users", "groups", "roles", "role_assignments", "domains", "role_inferences",
                 "group_members"},
    "compute": {"flavors", "flavor_extra_specs", "flavor_access", "servers", "server_metadata", "server_tags",
                "server_attachments", "keypairs", "aggregates", "server_groups", "quota_a", "quota_b",
                "quota_class", "services"},
    "image": {"images", "image_members"},
    "network": {"networks", "subnets", "ports", "security_groups", "security_group_rules", "network_quotas"},
    "volume": {"volumes", "volume_quotas"},
    "keymanager": {"secrets"},
}
# What a successful write may change, by its route (first match wins; the path is the template,
# with Nova's legacy /v2 read as /v2.1). A segment closed by an unexpected success is checked
# against this: any other section that changed is a refused request's doing.
_DELETE_SERVER = {"servers", "ports", "server_metadata", "server_tags", "server_attachments", "volumes",
                  "server_groups"}
TOUCHES = [
    (r"/identity/v3/auth/tokens", set()),
    (r"/identity/v3/users/[^/]+/password", {"users"}),
    (r"/identity/v3/(projects|domains|system)/.*/roles/", {"role_assignments"}),
    (r"/identity/v3/projects/[^/]+/tags", {"projects"}),
    (r"/identity/v3/projects", {"projects", "role_assignments", "users"}),  # users' default_project_id
    (r"/identity/v3/users", {"users", "role_assignments", "group_members", "keypairs"}),
    (r"/identity/v3/groups", {"groups", "group_members", "role_assignments"}),
    (r"/identity/v3/roles", {"roles", "role_inferences", "role_assignments"}),
    (r"/identity/v3/domains", {"domains", "projects", "users", "groups", "roles", "role_assignments"}),
    (r"/compute/v2\.1/flavors/[^/]+/action", {"flavors", "flavor_access"}),
    (r"/compute/v2\.1/flavors", {"flavors", "flavor_extra_specs", "flavor_access"}),
    (r"/compute/v2\.1/servers/[^/]+/action#(forceDelete)", _DELETE_SERVER),
    (r"/compute/v2\.1/servers/[^/]+/action#(createImage|createBackup)", {"servers", "images", "image_members"}),
    (r"/compute/v2\.1/servers/[^/]+/action#rebuild", {"servers", "server_metadata"}),
    (r"/compute/v2\.1/servers/[^/]+/action#(add|remove)SecurityGroup", {"servers", "ports"}),
    (r"/compute/v2\.1/servers/[^/]+/action", {"servers"}),
    (r"/compute/v2\.1/servers/[^/]+/metadata", {"servers", "server_metadata"}),
    (r"/compute/v2\.1/servers/[^/]+/tags", {"servers", "server_tags"}),
    (r"/compute/v2\.1/servers/[^/]+/os-server-password", set()),
    (r"/compute/v2\.1/servers/[^/]+/os-volume_attachments", {"servers", "server_attachments", "volumes"}),
    (r"/compute/v2\.1/servers/[^/?]+#DELETE", _DELETE_SERVER),
    (r"/compute/v2\.1/servers/[^/?]+$", {"servers"}),
    (r"/compute/v2\.1/servers", {"servers", "ports", "server_groups", "security_groups", "security_group_rules"}),
    (r"/compute/v2\.1/os-keypairs", {"keypairs"}),
    (r"/compute/v2\.1/os-server-groups", {"server_groups"}),
    (r"/compute/v2\.1/os-aggregates", {"aggregates", "services", "servers"}),
    (r"/compute/v2\.1/os-stratus-join-tokens", {"join_tokens"}),
    (r"/compute/v2\.1/os-quota-class-sets", {"quota_class", "quota_a", "quota_b"}),
    (r"/compute/v2\.1/os-quota-sets", {"quota_a", "quota_b"}),
    (r"/compute/v2\.1/os-volumes", {"volumes", "server_attachments", "volume_quotas"}),
    (r"/compute/v2\.1/os-server-external-events", {"servers"}),
    (r"/compute/v2\.1/os-security-group", {"security_groups", "security_group_rules", "ports"}),
    (r"/compute/v2\.1/os-(services|hosts)", {"services"}),
    (r"/compute/v2\.1/images", {"images", "image_members"}),
    (r"/image/v2/", {"images", "image_members"}),
    (r"/network/v2\.0/quotas", {"network_quotas"}),
    (r"/network/v2\.0/(networks|subnets)", {"networks", "subnets", "ports"}),
    (r"/network/v2\.0/ports", {"ports", "servers"}),
    (r"/network/v2\.0/security-group", {"security_groups", "security_group_rules", "ports"}),
    (r"/volume/v3/([^/]+/)?os-quota", {"volume_quotas"}),
    (r"/volume/v3/", {"volumes", "server_attachments", "servers"}),
    (r"/key-manager/v1/", {"secrets"}),
]


def touched_sections(spec):
    """The digest sections the successful write `spec` may change (every one when unknown)."""
    path = spec.path.split("?", 1)[0].replace("/compute/v2/", "/compute/v2.1/")
    key = path
    if path.endswith("/action") and path.startswith(C + "servers/"):
        key += "#" + spec.name.split("server action ", 1)[-1].split("@")[0]
    elif spec.method == "DELETE":
        key += "#DELETE"
    for pattern, sections in TOUCHES:
        if "#" in pattern:
            if re.fullmatch(pattern, key):
                return sections
        elif re.match(pattern, path):
            return sections
    return set().union(*SECTIONS_OF.values())


# Keys that change with time, not with requests.
VOLATILE_BY_SECTION = {"services": {"updated_at", "state"}, "servers": {"host_status"},
                       "join_tokens": {"status"}}
TRANSIENT = {
    "servers": ("status", {"BUILD", "REBOOT", "HARD_REBOOT", "RESIZE", "MIGRATING", "REBUILD", "PASSWORD",
                           "REVERT_RESIZE", "DELETED", "SOFT_DELETED_PENDING"}),
    "volumes": ("status", {"creating", "attaching", "detaching", "deleting", "extending", "reserved", "downloading"}),
    "images": ("status", {"saving", "importing", "uploading", "deleting", "pending_delete"}),
}
LIVENESS_EVERY = 200


class Failure(Exception):
    pass


class ServerGone(Exception):
    pass


class Campaign:
    def __init__(self, args):
        self.args = args
        u = urllib.parse.urlsplit(args.url)
        if u.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("fuzz-api: loopback URLs only")
        self.port = u.port
        self.client = Client(self.port, args.request_timeout)
        self.local = threading.local()
        self.pool = ThreadPoolExecutor(max_workers=4)
        self.total = args.requests
        self.ctx = {}
        self.tokens = {}
        self.initial = collections.defaultdict(set)  # section -> ids present after setup (kept)
        self.start = time.monotonic()
        self.deadline = self.start + args.time_limit
        self.stats = collections.defaultdict(collections.Counter)
        self.api_stats = collections.defaultdict(collections.Counter)
        self.checks = collections.Counter()
        self.failures = []
        self.fivexx = collections.defaultdict(list)
        self.sent = 0
        self.digests = 0
        self.segments = collections.Counter()
        self.timing = collections.Counter()
        self.slowest = []
        self.last_sent = collections.deque(maxlen=5)
        self.notes = []
        self.self_test_injected = self.self_test_detected = False
        if args.state and os.path.exists(args.state) and args.resume:
            self.load_state()

    # ---- bookkeeping

    def check(self, ok, name, detail=""):
        self.checks["passed" if ok else "failed"] += 1
        if not ok:
            self.failures.append(f"{name}: {detail}" if detail else name)
            print(f"FAIL {name}" + (f"\n  {detail}" if detail else ""), flush=True)
        return ok

    def save_state(self, next_index):
        if not self.args.state:
            return
        data = {"ctx": self.ctx, "next": next_index, "checks": dict(self.checks), "failures": self.failures,
                "stats": {k: dict(v) for k, v in self.stats.items()},
                "api_stats": {k: dict(v) for k, v in self.api_stats.items()},
                "fivexx": {k: v for k, v in self.fivexx.items()}, "sent": self.sent, "digests": self.digests,
                "segments": dict(self.segments), "initial": {k: sorted(v) for k, v in self.initial.items()},
                "elapsed": time.monotonic() - self.start + self.prior_elapsed, "notes": self.notes}
        with open(self.args.state, "w") as f:
            json.dump(data, f)

    prior_elapsed = 0.0

    def load_state(self):
        with open(self.args.state) as f:
            data = json.load(f)
        self.ctx = data["ctx"]
        self.resume_at = data["next"]
        self.checks.update(data["checks"])
        self.failures = data["failures"]
        for k, v in data["stats"].items():
            self.stats[k].update(v)
        for k, v in data["api_stats"].items():
            self.api_stats[k].update(v)
        for k, v in data["fivexx"].items():
            self.fivexx[k] = v
        self.sent, self.digests = data["sent"], data["digests"]
        self.segments.update(data["segments"])
        for k, v in data["initial"].items():
            self.initial[k] = set(v)
        self.prior_elapsed = data["elapsed"]
        self.notes = [tuple(n) for n in data.get("notes", [])]
        self.deadline = self.start + max(0.0, self.args.time_limit - self.prior_elapsed)

    def note(self, text):
        """A remark for the report, counted when repeated."""
        for n, (seen, count) in enumerate(self.notes):
            if seen == text:
                self.notes[n] = (seen, count + 1)
                return
        self.notes.append((text, 1))

    def elapsed(self):
        return time.monotonic() - self.start + self.prior_elapsed

    # ---- plain calls (setup, digest)

    def thread_client(self):
        client = getattr(self.local, "client", None)
        if client is None:
            client = self.local.client = Client(self.port, 60)
        return client

    def call(self, method, path, body=None, token="admin", mv=None, ctype="application/json", headers=(),
             expect=None, client=None):
        hdrs = list(headers)
        if token and token in self.tokens:
            hdrs.append(("X-Auth-Token", self.tokens[token]))
        elif token and token not in PERSONAS:
            hdrs.append(("X-Auth-Token", token))
        if mv:
            hdrs.append(("OpenStack-API-Version", f"compute {mv}"))
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            hdrs.append(("Content-Type", ctype))
        client = client or self.client
        resp = client.send(method, path, data, hdrs)
        if resp.status == 0:  # one retry on a fresh connection for the harness's own calls
            resp = client.send(method, path, data, hdrs)
        if expect is not None and resp.status not in (expect if isinstance(expect, tuple) else (expect,)):
            raise Failure(f"{method} {path} -> {resp.status or resp.error}: {resp.body[:300]!r}")
        return resp

    def login(self, user, password, project=None, domain_scope=None):
        scope = {"project": {"name": project, "domain": {"id": "default"}}} if project else (
            {"domain": {"id": domain_scope}} if domain_scope else None)
        auth = {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": password}}}}
        if scope:
            auth["scope"] = scope
        resp = self.call("POST", I + "auth/tokens?nocatalog", {"auth": auth}, token=None, expect=201)
        return resp.headers["x-subject-token"], resp.json()["token"]

    def issue_tokens(self):
        self.tokens["admin"], token = self.login("admin", self.args.password, "admin")
        self.ctx["admin_user"] = token["user"]["id"]
        self.tokens["member"], _ = self.login("fuzz-member", "member-secret-1", "fuzz-a")
        self.tokens["reader"], _ = self.login("fuzz-reader", "reader-secret-1", "fuzz-a")
        self.tokens["padmin"], _ = self.login("fuzz-padmin", "padmin-secret-1", "fuzz-b")

    # ---- setup

    def setup(self):
        a = "admin"
        self.tokens["admin"], token = self.login("admin", self.args.password, "admin")
        ctx = self.ctx
        ctx["admin_user"] = token["user"]["id"]
        ctx["tag"] = "fuzz-tag"
        roles = {r["name"]: r["id"] for r in self.call("GET", I + "roles", expect=200).json()["roles"]}
        for name in ("fuzz-a", "fuzz-b"):
            p = self.call("POST", I + "projects", {"project": {"name": name, "domain_id": "default"}}, expect=201)
            ctx["project_" + name[-1]] = p.json()["project"]["id"]
        for user, password, project, role in (("fuzz-member", "member-secret-1", "a", "member"),
                                              ("fuzz-reader", "reader-secret-1", "a", "reader"),
                                              ("fuzz-padmin", "padmin-secret-1", "b", "admin")):
            u = self.call("POST", I + "users", {"user": {"name": user, "password": password, "domain_id": "default",
                                                         "default_project_id": ctx["project_" + project]}}, expect=201)
            uid = u.json()["user"]["id"]
            ctx[user.split("-")[1] + "_user"] = uid
            self.call("PUT", I + f"projects/{ctx['project_' + project]}/users/{uid}/roles/{roles[role]}", expect=204)
        self.issue_tokens()
        # Neutron makes a project's "default" security group at its first call (a list included):
        # made here, so the first read of a persona does not look like a state change.
        for persona in ("admin", "member", "padmin"):
            self.call("GET", N + "security-groups", token=persona, expect=200)
        # compute quotas generous enough for the fuzz's own creations
        self.set_quotas()
        self.ensure_all(initial=True)
        for section, ids in self.section_ids(self.digest_raw()).items():
            self.initial[section] |= ids
        # the setup's targets are not "initial": when deleted they are made again
        return ctx

    def set_quotas(self):
        """Project fuzz-a's own limits, generous, so that the fuzz's changes to the default quota classes
        (and its own creations) never keep the targets from being made again."""
        project = self.ctx["project_a"]
        self.call("PUT", C + f"os-quota-sets/{project}", {"quota_set": {
            "instances": 100, "cores": 400, "ram": 4096000, "key_pairs": 200, "server_groups": 100,
            "server_group_members": 100, "metadata_items": 128}}, expect=200)
        self.call("PUT", V + f"os-quota-sets/{project}", {"quota_set": {"volumes": 100, "gigabytes": 10000}},
                  expect=(200, 404))
        self.call("PUT", N + f"quotas/{project}", {"quota": {"network": 100, "subnet": 100, "port": 500,
                                                             "security_group": 100, "security_group_rule": 1000}},
                  expect=(200, 404))

    def host_name(self):
        hv = self.call("GET", C + "os-hypervisors", mv="2.53", expect=200).json()["hypervisors"]
        return sorted(h["hypervisor_hostname"] for h in hv)[0]

    def ensure_all(self, initial=False, present=None):
        """Makes every target missing from `present` (section -> ids); all of them when None."""
        started = time.monotonic()
        try:
            return self._ensure_all(initial, present)
        finally:
            self.timing["making targets again"] += time.monotonic() - started

    def _ensure_all(self, initial, present):
        ctx = self.ctx
        made = []

        def missing(key, section):
            return key not in ctx or (present is not None and ctx[key] not in present.get(section, set()))

        if missing("victim_project", "projects"):
            r = self.call("POST", I + "projects", {"project": {"name": f"fuzz-victim", "domain_id": "default"}})
            if r.status == 409:
                r = self.call("GET", I + "projects?name=fuzz-victim", expect=200)
                ctx["victim_project"] = r.json()["projects"][0]["id"]
            else:
                ctx["victim_project"] = r.json()["project"]["id"]
            made.append("victim_project")
        if missing("victim_user", "users"):
            r = self.call("POST", I + "users", {"user": {"name": "fuzz-victim-user", "password": "victim-secret-1",
                                                         "domain_id": "default"}})
            if r.status == 409:
                uid = self.call("GET", I + "users?name=fuzz-victim-user", expect=200).json()["users"][0]["id"]
                self.call("PATCH", I + f"users/{uid}", {"user": {"password": "victim-secret-1", "enabled": True}})
            else:
                uid = r.json()["user"]["id"]
            ctx["victim_user"] = uid
            made.append("victim_user")
        if missing("group", "groups"):
            r = self.call("POST", I + "groups", {"group": {"name": "fuzz-group", "domain_id": "default"}})
            ctx["group"] = r.json()["group"]["id"] if r.status == 201 else self.call(
                "GET", I + "groups?name=fuzz-group", expect=200).json()["groups"][0]["id"]
            made.append("group")
        for key, name in (("role", "fuzz-role"), ("role2", "fuzz-role2")):
            if missing(key, "roles"):
                r = self.call("POST", I + "roles", {"role": {"name": name}})
                ctx[key] = r.json()["role"]["id"] if r.status == 201 else self.call(
                    "GET", I + f"roles?name={name}", expect=200).json()["roles"][0]["id"]
                made.append(key)
        if missing("domain", "domains"):
            r = self.call("POST", I + "domains", {"domain": {"name": "fuzz-domain"}})
            ctx["domain"] = r.json()["domain"]["id"] if r.status == 201 else self.call(
                "GET", I + "domains?name=fuzz-domain", expect=200).json()["domains"][0]["id"]
            made.append("domain")
        # the victim is a member of its project (so password auth scoped to it works)
        member_role = {r["name"]: r["id"] for r in self.call("GET", I + "roles", expect=200).json()["roles"]}["member"]
        if "victim_user" in made or "victim_project" in made:
            self.call("PUT", I + f"projects/{ctx['victim_project']}/users/{ctx['victim_user']}/roles/{member_role}")
        if initial or "victim_token" not in ctx or "victim_user" in made or "victim_project" in made:
            r = self.call("POST", I + "auth/tokens?nocatalog", {"auth": {"identity": {"methods": ["password"],
                "password": {"user": {"id": ctx["victim_user"], "password": "victim-secret-1"}}}}}, token=None)
            ctx["victim_token"] = r.headers.get("x-subject-token", "no-token")
        if initial:
            ctx["hostname"] = self.host_name()
            services = self.call("GET", C + "os-services", mv="2.53", expect=200).json()["services"]
            ctx["service_id"] = services[0]["id"]
            images = self.call("GET", G + "images?limit=100", expect=200).json()["images"]
            boot = [i for i in images if i["name"] == "stratus-test-image"]
            ctx["boot_image"] = boot[0]["id"] if boot else images[0]["id"]
            shared = [n for n in self.call("GET", N + "networks", expect=200).json()["networks"] if n.get("shared")]
            ctx["shared_network"] = shared[0]["id"]
            flavors = self.call("GET", C + "flavors/detail", expect=200).json()["flavors"]
            ctx["resize_flavor"] = sorted(flavors, key=lambda f: (f["ram"], f["id"]))[-1]["id"]
        if missing("flavor", "flavors"):
            r = self.call("POST", C + "flavors", {"flavor": {"name": f"fuzz-flavor-{int(time.time() * 1000)}",
                                                             "ram": 64, "vcpus": 1, "disk": 1}}, expect=200)
            ctx["flavor"] = r.json()["flavor"]["id"]
            self.call("POST", C + f"flavors/{ctx['flavor']}/os-extra_specs",
                      {"extra_specs": {"fuzz:k": "v", "hw:cpu_policy": "shared"}}, expect=200)
            made.append("flavor")
        if missing("private_flavor", "flavors"):
            r = self.call("POST", C + "flavors", {"flavor": {"name": f"fuzz-private-{int(time.time() * 1000)}",
                "ram": 64, "vcpus": 1, "disk": 1, "os-flavor-access:is_public": False}}, expect=200)
            ctx["private_flavor"] = r.json()["flavor"]["id"]
            self.call("POST", C + f"flavors/{ctx['private_flavor']}/action",
                      {"addTenantAccess": {"tenant": ctx["project_a"]}}, expect=200)
            made.append("private_flavor")
        if missing("keypair", "keypairs"):
            name = f"fuzz-kp-{int(time.time() * 1000)}"
            self.call("POST", C + "os-keypairs", {"keypair": {"name": name, "public_key": SSH_KEY}}, token="member",
                      expect=200)
            ctx["keypair"] = name
            made.append("keypair")
        if missing("image", "images") or missing("queued_image", "images"):
            # Images are the cloud admin's (the default trust profile lets only administrators upload).
            if missing("image", "images"):
                r = self.call("POST", G + "images", {"name": "fuzz-image", "disk_format": "raw",
                                                     "container_format": "bare", "visibility": "shared"}, expect=201)
                iid = r.json()["id"]
                self.call("PUT", G + f"images/{iid}/file", b"fuzz image\n" * 64, ctype="application/octet-stream",
                          expect=204)
                for project in ("project_a", "project_b"):
                    self.call("POST", G + f"images/{iid}/members", {"member": ctx[project]}, expect=200)
                ctx["image"] = iid
                made.append("image")
            if missing("queued_image", "images"):
                r = self.call("POST", G + "images", {"name": "fuzz-queued", "disk_format": "raw",
                                                     "container_format": "bare"}, expect=201)
                ctx["queued_image"] = r.json()["id"]
                made.append("queued_image")
        if missing("network", "networks"):
            r = self.call("POST", N + "networks", {"network": {"name": "fuzz-net"}}, token="member", expect=201)
            ctx["network"] = r.json()["network"]["id"]
            ctx.pop("subnet", None)
            ctx.pop("port", None)
            made.append("network")
        if missing("subnet", "subnets"):
            r = self.call("POST", N + "subnets", {"subnet": {"network_id": ctx["network"], "ip_version": 4,
                                                             "cidr": "192.168.66.0/24", "name": "fuzz-subnet"}},
                          token="member", expect=201)
            ctx["subnet"] = r.json()["subnet"]["id"]
            made.append("subnet")
        if missing("sg", "security_groups"):
            r = self.call("POST", N + "security-groups", {"security_group": {"name": "fuzz-sg"}}, token="member",
                          expect=201)
            ctx["sg"] = r.json()["security_group"]["id"]
            ctx["sg_name"] = "fuzz-sg"
            ctx.pop("sgr", None)
            made.append("sg")
        if missing("sgr", "security_group_rules"):
            r = self.call("POST", N + "security-group-rules", {"security_group_rule": {
                "security_group_id": ctx["sg"], "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
                "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8"}}, token="member",
                expect=201)
            ctx["sgr"] = r.json()["security_group_rule"]["id"]
            made.append("sgr")
        if missing("port", "ports"):
            r = self.call("POST", N + "ports", {"port": {"network_id": ctx["network"], "name": "fuzz-port"}},
                          token="member", expect=201)
            ctx["port"] = r.json()["port"]["id"]
            made.append("port")
        if missing("server_group", "server_groups"):
            r = self.call("POST", C + "os-server-groups", {"server_group": {"name": "fuzz-group",
                                                                           "policies": ["anti-affinity"]}},
                          token="member", expect=200)
            ctx["server_group"] = r.json()["server_group"]["id"]
            made.append("server_group")
        if missing("aggregate", "aggregates"):
            r = self.call("POST", C + "os-aggregates", {"aggregate": {"name": f"fuzz-agg-{int(time.time() * 1000)}"}},
                          expect=200)
            ctx["aggregate"] = str(r.json()["aggregate"]["id"])
            made.append("aggregate")
        if missing("volume", "volumes"):
            r = self.call("POST", V + "volumes", {"volume": {"size": 1, "name": "fuzz-vol"}}, token="member",
                          expect=202)
            ctx["volume"] = r.json()["volume"]["id"]
            made.append("volume")
        if missing("secret", "secrets"):
            r = self.call("POST", K + "secrets", {"name": "fuzz-secret", "payload": PEM,
                                                   "payload_content_type": "text/plain",
                                                   "secret_type": "certificate"}, expect=201)
            ctx["secret"] = r.json()["secret_ref"].rsplit("/", 1)[-1]
            made.append("secret")
        if missing("server", "servers"):
            r = self.call("POST", C + "servers", {"server": {"name": "fuzz-vm", "imageRef": ctx["boot_image"],
                                                             "flavorRef": ctx["flavor"], "key_name": ctx["keypair"],
                                                             "networks": [{"uuid": ctx["shared_network"]}],
                                                             "metadata": {"k1": "v1"}}},
                          token="member", expect=202)
            ctx["server"] = r.json()["server"]["id"]
            self.wait_server(ctx["server"])
            self.call("PUT", C + f"servers/{ctx['server']}/tags/{ctx['tag']}", token="member", mv="2.26")
            made.append("server")
        if made and not initial:
            self.segments["replenished"] += 1
            if os.environ.get("FUZZ_DEBUG"):
                print(f"debug: re-made {made}", flush=True)
        return made

    def wait_server(self, sid, timeout=40):
        deadline = time.monotonic() + timeout
        status = None
        while time.monotonic() < deadline:
            r = self.call("GET", C + f"servers/{sid}", token="admin")
            status = (r.json() or {}).get("server", {}).get("status")
            if status in ("ACTIVE", "ERROR"):
                return status
            time.sleep(0.3)
        return status

    # ---- the state digest

    def digest_requests(self):
        c = self.ctx
        users = [c.get(k) for k in ("admin_user", "member_user", "reader_user", "padmin_user", "victim_user")]
        reqs = [
            ("projects", I + "projects", None), ("users", I + "users", None), ("groups", I + "groups", None),
            ("roles", I + "roles", None), ("role_assignments", I + "role_assignments", None),
            ("domains", I + "domains", None), ("role_inferences", I + "role_inferences", None),
            ("group_members", I + f"groups/{c['group']}/users", None),
            ("flavors", C + "flavors/detail?is_public=None", "2.61"),
            ("flavor_extra_specs", C + f"flavors/{c['flavor']}/os-extra_specs", None),
            ("flavor_access", C + f"flavors/{c['private_flavor']}/os-flavor-access", None),
            ("servers", C + "servers/detail?all_tenants=1", "2.80"),
            ("server_metadata", C + f"servers/{c['server']}/metadata", None),
            ("server_tags", C + f"servers/{c['server']}/tags", "2.26"),
            ("server_attachments", C + f"servers/{c['server']}/os-volume_attachments", "2.79"),
            ("aggregates", C + "os-aggregates", "2.41"),
            ("server_groups", C + "os-server-groups?all_projects=True", "2.64"),
            ("quota_a", C + f"os-quota-sets/{c['project_a']}", "2.57"),
            ("quota_b", C + f"os-quota-sets/{c['project_b']}", "2.57"),
            ("quota_class", C + "os-quota-class-sets/default", "2.57"),
            ("services", C + "os-services", "2.53"),
            ("join_tokens", C + "os-stratus-join-tokens", None),
            ("images", G + "images?limit=1000", None),
            ("image_members", G + f"images/{c['image']}/members", None),
            ("networks", N + "networks", None), ("subnets", N + "subnets", None), ("ports", N + "ports", None),
            ("security_groups", N + "security-groups", None),
            ("security_group_rules", N + "security-group-rules", None),
            ("volumes", V + "volumes/detail?all_tenants=1", None),
            ("volume_quotas", V + f"os-quota-sets/{c['project_a']}", None),
            ("volume_quotas", V + f"os-quota-sets/{c['project_b']}", None),
            ("volume_quotas", V + "os-quota-class-sets/default", None),
            ("network_quotas", N + "quotas", None),
            ("network_quotas", N + f"quotas/{c['project_a']}", None),
            ("network_quotas", N + f"quotas/{c['project_b']}", None),
            ("secrets", K + "secrets?limit=100", None),
        ]
        reqs += [(f"keypairs", C + f"os-keypairs?user_id={u}", "2.10") for u in users if u]
        return reqs

    def digest_raw(self):
        """section -> parsed JSON (or the status) of every digest GET, as the cloud admin."""
        started = time.monotonic()
        try:
            return self._digest_raw()
        finally:
            self.timing["state digests"] += time.monotonic() - started

    def _digest_raw(self):
        reqs = self.digest_requests()

        def fetch(item):
            section, path, mv = item
            resp = self.call("GET", path, mv=mv, client=self.thread_client())
            if resp.status == 0:
                raise ServerGone(f"GET {path}: {resp.error}")
            return section, path, (resp.json() if resp.status == 200 else {"status": resp.status})

        out = collections.defaultdict(dict)
        for section, path, data in self.pool.map(fetch, reqs):
            out[section][path] = data
        self.digests += 1
        return out

    @staticmethod
    def canonical(value, volatile):
        """One JSON text per value: keys sorted, volatile keys dropped, every list sorted (servers may
        render sets in any order)."""
        if isinstance(value, dict):
            return "{" + ",".join(json.dumps(k) + ":" + Campaign.canonical(value[k], volatile)
                                  for k in sorted(value) if k not in volatile) + "}"
        if isinstance(value, list):
            return "[" + ",".join(sorted(Campaign.canonical(v, volatile) for v in value)) + "]"
        return json.dumps(value)

    def digest(self):
        raw = self.digest_raw()
        text = {}
        for section, by_path in raw.items():
            volatile = VOLATILE_BY_SECTION.get(section, set()) | {"expires_at", "heartbeat", "uptime"}
            text[section] = self.canonical(by_path, volatile)
        return text, raw

    @staticmethod
    def section_ids(raw):
        ids = collections.defaultdict(set)
        for section, by_path in raw.items():
            for data in by_path.values():
                if not isinstance(data, dict):
                    continue
                for key, value in data.items():
                    if isinstance(value, list):
                        for item in value:
                            if isinstance(item, dict):
                                ident = item.get("id", item.get("name"))
                                if isinstance(item.get("keypair"), dict):
                                    ident = item["keypair"].get("name")
                                if "secret_ref" in item:
                                    ident = item["secret_ref"].rsplit("/", 1)[-1]
                                if ident is not None:
                                    ids[section].add(str(ident))
        return ids

    def transient(self, raw):
        for section, (key, states) in TRANSIENT.items():
            for data in raw.get(section, {}).values():
                for items in (data.values() if isinstance(data, dict) else []):
                    if isinstance(items, list):
                        for item in items:
                            if isinstance(item, dict) and (item.get(key) in states or item.get(
                                    "OS-EXT-STS:task_state") not in (None, "")):
                                return True
        return False

    def settled_digest(self, wait_transients):
        text, raw = self.digest()
        deadline = time.monotonic() + 20
        while wait_transients and self.transient(raw) and time.monotonic() < deadline:
            time.sleep(0.4)
            text, raw = self.digest()
        return text, raw

    def baseline(self, digest=None):
        """A digest to compare against, with every target present (made again if a write removed it)."""
        text, raw = digest or self.settled_digest(True)
        for _ in range(2):
            try:
                made = self.ensure_all(present=self.section_ids(raw))
            except Failure as e:
                self.note(f"re-creating a target failed (retried at the next baseline): {e}")
                try:
                    self.set_quotas()
                except Failure:
                    pass
                made = ["?"]
            if not made:
                break
            text, raw = self.settled_digest(True)
        if self.cleanup_if_crowded(self.section_ids(raw)):
            text, raw = self.settled_digest(True)
        return text, raw

    def cleanup_if_crowded(self, present):
        extra = {s: ids - self.initial.get(s, set()) - set(self.ctx.values()) for s, ids in present.items()}
        crowded = sum(len(v) for k, v in extra.items() if k in ("servers", "volumes", "images", "networks", "ports",
                                                                "security_groups", "flavors", "projects", "users"))
        # Cinder's quota is 10 volumes a project, and each server takes a host's capacity.
        if crowded < self.args.cleanup_at and len(extra.get("volumes", ())) < 6 and len(extra.get("servers", ())) < 8:
            return False
        self.segments["cleanups"] += 1
        deletes = [("servers", C + "servers/{}", None), ("volumes", V + "volumes/{}", None),
                   ("images", G + "images/{}", None), ("ports", N + "ports/{}", None),
                   ("subnets", N + "subnets/{}", None), ("networks", N + "networks/{}", None),
                   ("security_groups", N + "security-groups/{}", None), ("flavors", C + "flavors/{}", None),
                   ("server_groups", C + "os-server-groups/{}", None), ("aggregates", C + "os-aggregates/{}", None),
                   ("projects", I + "projects/{}", None), ("users", I + "users/{}", None),
                   ("groups", I + "groups/{}", None), ("roles", I + "roles/{}", None),
                   ("secrets", K + "secrets/{}", None)]
        for section, path, mv in deletes:
            for ident in sorted(extra.get(section, ())):
                if section == "images":
                    self.call("PATCH", G + f"images/{ident}", [{"op": "replace", "path": "/protected", "value": False}],
                              ctype="application/openstack-images-v2.1-json-patch")
                if section == "projects" or section == "domains":
                    self.call("PATCH", I + f"projects/{ident}", {"project": {"enabled": False}})
                if section == "aggregates":
                    agg = self.call("GET", C + f"os-aggregates/{ident}").json() or {}
                    for host in agg.get("aggregate", {}).get("hosts", []):
                        self.call("POST", C + f"os-aggregates/{ident}/action", {"remove_host": {"host": host}})
                if section == "servers":
                    self.call("POST", C + f"servers/{ident}/action", {"unlock": None})
                self.call("DELETE", path.format(ident), mv=mv)
        # volumes left attached to deleted servers free up once the host has detached them
        time.sleep(0.5)
        return True

    # ---- sending

    def send(self, spec):
        headers = [(k, resolve_text(v, self.ctx)) for k, v in spec.headers]
        if spec.persona in self.tokens:  # "anonymous" has none
            headers.append(("X-Auth-Token", self.tokens[spec.persona]))
        body = render_body(spec, self.ctx)
        path = resolve_text(spec.path, self.ctx)
        self.last_sent.append(spec)
        started = time.monotonic()
        resp = self.client.send(spec.method, path, body, headers)
        self.timing["fuzz requests"] += time.monotonic() - started
        self.sent += 1
        return resp

    def record(self, spec, resp):
        st = resp.status
        if st == 0:
            bucket = "timeout" if "timed out" in (resp.error or "") else "no-response"
        elif st >= 500:
            bucket = "5xx"
        elif 200 <= st < 300:
            bucket = "2xx"
        elif 300 <= st < 400:
            bucket = "3xx"
        else:
            bucket = str(st)
        for table, key in ((self.stats, spec.category), (self.api_stats, spec.api)):
            table[key]["requests"] += 1
            table[key][bucket] += 1
        self.slowest.append((resp.elapsed, spec.index, spec.name, spec.category))
        self.slowest = sorted(self.slowest, reverse=True)[:5]
        return bucket

    def allowed_5xx(self, spec, resp):
        path = resolve_text(spec.path, self.ctx)
        return any(p.match(path) and resp.status == code for p, code in ALLOWED_5XX)

    def server_alive(self):
        pid = self.args.pid
        if pid:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return False
            except PermissionError:
                pass
        for _ in range(10):
            r = Client(self.port, 5).send("GET", "/identity/v3")
            if r.status == 200:
                return True
            if r.status == 0 and "refused" in (r.error or "").lower():
                return False
            time.sleep(0.5)
        return False

    def log_tail(self, n=25):
        if not self.args.log or not os.path.exists(self.args.log):
            return ""
        with open(self.args.log, "rb") as f:
            f.seek(0, 2)
            f.seek(max(0, f.tell() - 64 * 1024))
            lines = f.read().decode("utf-8", "replace").splitlines()[-n:]
        return "\n".join("    | " + line[:400] for line in lines)

    def died(self, spec, resp):
        """The server is gone: the request in flight (if its connection dropped) killed it."""
        if spec is not None:
            culprit = spec.describe(self.ctx)
            detail = (f"server process died; the request in flight when the connection dropped:\n    {culprit}\n"
                      f"    error: {resp.error if resp else '-'}\n  server log tail:\n{self.log_tail()}")
        else:
            recent = "\n    ".join(s.describe(self.ctx, 200) for s in list(self.last_sent)[-3:])
            culprit = "(died between requests; the last ones sent:)\n    " + recent
            detail = f"server process died outside a fuzz request; the last ones sent:\n    {recent}\n" \
                     f"  server log tail:\n{self.log_tail()}"
        self.check(False, f"server alive after request #{spec.index if spec else '?'}", detail)
        self.fivexx[spec.name if spec else "?"].append({"index": spec.index if spec else -1, "status": "crash",
                                                        "category": spec.category if spec else "-",
                                                        "request": culprit})

    # ---- segments

    def close_segment(self, segment, base, closing=None):
        """Compares the state after `segment` with `base`. `closing` is a successful write at its end."""
        wait = closing is not None and closing.api in ("compute", "volume", "image")
        text, raw = self.settled_digest(wait)
        refused = [s for s in segment if s is not closing]
        changed = sorted(k for k in set(base[0]) | set(text) if base[0].get(k) != text.get(k))
        if closing is None:
            self.segments["refusals-only"] += 1
            if changed:
                self.report_change(refused, base, (text, raw), changed, None)
            else:
                self.check(True, "segment state")
        else:
            allowed = touched_sections(closing)
            outside = [c for c in changed if c not in allowed]
            if not refused:
                self.segments["success-closed"] += 1
            elif outside:
                self.segments["success-closed"] += 1
                self.report_change(refused, base, (text, raw), outside, closing)
            else:
                self.segments["success-closed"] += 1
                self.check(True, "segment state")
        return self.baseline((text, raw)) if changed or closing is not None else (text, raw)

    def report_change(self, refused, base, after, changed, closing):
        diff = self.section_diff(base[0], after[0], changed)
        if self.self_test_injected and not self.self_test_detected and "secrets" in changed:
            self.self_test_detected = True
            print(f"self-test: the hidden write was reported (sections {', '.join(changed)}):\n{diff}", flush=True)
            return
        culprits = self.bisect(refused) if refused and self.args.bisect else []
        names = ", ".join(changed)
        if culprits:
            for spec, sections, d in culprits:
                self.check(False, f"state changed by a refused request (sections {', '.join(sections)})",
                           f"{spec.describe(self.ctx)}\n{d}")
        elif closing is not None:
            # Not reproduced one by one: the closing write's own effect, outside what we expected.
            self.note(f"after #{closing.index} ({closing.name}, {closing.persona}) sections it should not "
                      f"change changed, and no refused request of the segment did it again: {names}\n"
                      + "\n".join(diff.splitlines()[:12]))
            self.check(True, "segment state")
        else:
            listing = "\n".join("    " + s.describe(self.ctx, 120) for s in refused[-10:])
            self.check(False, f"state changed during a segment of {len(refused)} refused requests "
                              f"(sections {names}; not reproduced one by one)", f"{diff}\n  last requests:\n{listing}")

    def section_diff(self, before, after, sections, lines=30):
        out = []
        for section in sections:
            a = json.dumps(json.loads(before.get(section) or "null"), indent=1).splitlines()
            b = json.dumps(json.loads(after.get(section) or "null"), indent=1).splitlines()
            d = list(difflib.unified_diff(a, b, f"{section} before", f"{section} after", n=1, lineterm=""))
            out.extend("    " + line[:200] for line in d[:lines])
            if len(d) > lines:
                out.append(f"    ... ({len(d) - lines} more diff lines)")
        return "\n".join(out)

    def bisect(self, refused):
        """Replays the segment's refused requests one by one; returns those that change the state."""
        if self.segments["bisections"] >= self.args.max_bisections:
            return []
        self.segments["bisections"] += 1
        found = []
        before = self.baseline()
        for spec in refused:
            resp = self.send(spec)
            if resp.status == 0 and not self.server_alive():
                raise ServerGone("during a replay")
            after = self.settled_digest(True)
            changed = sorted(k for k in set(before[0]) | set(after[0]) if before[0].get(k) != after[0].get(k))
            if changed and (not spec.is_write or not (200 <= resp.status < 300)):
                found.append((spec, changed, self.section_diff(before[0], after[0], changed)))
            if changed:
                after = self.baseline()
            before = after
        return found

    # ---- the run

    def schedule(self, indices):
        """The order requests are sent in: per window of `batch` indices, those expected to be refused
        first (one segment, checked), then those expected to succeed (a valid body from a persona that
        may write), after which the state is simply taken again. An unexpected success closes the
        refusal segment early."""
        order = []
        for start in range(0, len(indices), self.args.batch):
            window = indices[start:start + self.args.batch]
            specs = [generate(self.args.seed, i, self.total) for i in window]
            order += [(s.index, "refuse") for s in specs if not s.predicted_success]
            order += [(s.index, "succeed") for s in specs if s.predicted_success]
            if order:
                order[-1] = (order[-1][0], order[-1][1] + "/end")
        return order

    def run(self, order, first=0):
        """Sends order[first:]. False when the server died; self.next_position says where to resume."""
        base = self.baseline()
        segment = []
        self.next_position = first
        try:
            for position in range(first, len(order)):
                index, group = order[position]
                if time.monotonic() > self.deadline:
                    self.note(f"time limit reached after {self.sent} requests ({len(order) - position} "
                                      f"of {len(order)} not sent)")
                    break
                self.next_position = position + 1
                spec = generate(self.args.seed, index, self.total)
                if group.startswith("succeed") and segment:
                    base = self.close_segment(segment, base)
                    segment = []
                resp = self.send(spec)
                bucket = self.record(spec, resp)
                if resp.status == 0:
                    if not self.server_alive():
                        self.died(spec, resp)
                        return False
                    if bucket == "timeout":
                        self.check(False, f"an answer within {self.args.request_timeout:.0f}s", spec.describe(self.ctx))
                elif resp.status >= 500:
                    self.five_hundred(spec, resp)
                if group.startswith("refuse"):
                    segment.append(spec)
                    if self.args.self_test and not self.self_test_injected and len(segment) == 5:
                        # A write the segment does not know about: the digest check must report it.
                        self.call("POST", K + "secrets", {"name": "fuzz-self-test", "payload": PEM,
                                                           "payload_content_type": "text/plain",
                                                           "secret_type": "certificate"}, expect=201)
                        self.self_test_injected = True
                    if spec.is_write and 200 <= resp.status < 300:
                        base = self.close_segment(segment, base, closing=spec)
                        segment = []
                    elif len(segment) >= self.args.batch or group.endswith("/end"):
                        base = self.close_segment(segment, base)
                        segment = []
                else:
                    self.segments["expected-success requests"] += 1
                    if group.endswith("/end"):
                        base = self.baseline()
                if self.sent % LIVENESS_EVERY == 0:
                    alive = self.server_alive()
                    self.check(alive, f"server answers GET /identity/v3 after {self.sent} requests")
                    if not alive:
                        self.died(spec, resp)
                        return False
            if segment:
                self.close_segment(segment, base)
        except ServerGone as e:
            if self.server_alive():
                raise Failure(f"a state digest failed: {e}")
            self.died(None, None)
            return False
        return True

    def five_hundred(self, spec, resp):
        if self.allowed_5xx(spec, resp):
            self.stats[spec.category]["5xx-allowed"] += 1
            self.stats[spec.category]["5xx"] -= 1
            self.api_stats[spec.api]["5xx"] -= 1
            return
        text = resp.body[:300].decode("utf-8", "replace")
        self.fivexx[spec.name].append({"index": spec.index, "status": resp.status, "category": spec.category,
                                       "request": spec.describe(self.ctx), "response": text})
        print(f"5xx {resp.status}: {spec.describe(self.ctx)}\n      response: {text}", flush=True)

    # ---- report

    def report(self):
        cats = [c for c in CATEGORIES + ["query"] if c in self.stats]
        codes = sorted({k for v in self.stats.values() for k in v if k[0] == "4"})
        others = ["3xx", "5xx", "5xx-allowed", "no-response", "timeout"]
        head = f"{'category':<16}{'requests':>9}{'2xx':>7}" + "".join(f"{c:>6}" for c in codes) + "".join(
            f"{c:>13}" for c in others)
        print("\n" + head)
        print("-" * len(head))
        total = collections.Counter()
        for name in cats:
            row = self.stats[name]
            total.update(row)
            print(f"{name:<16}{row['requests']:>9}{row['2xx']:>7}" + "".join(f"{row[c]:>6}" for c in codes) +
                  "".join(f"{row[c]:>13}" for c in others))
        print("-" * len(head))
        print(f"{'total':<16}{total['requests']:>9}{total['2xx']:>7}" + "".join(f"{total[c]:>6}" for c in codes) +
              "".join(f"{total[c]:>13}" for c in others))
        print(f"\n{'api':<16}{'requests':>9}{'2xx':>7}{'4xx':>7}{'5xx':>7}")
        for name, row in sorted(self.api_stats.items()):
            four = sum(v for k, v in row.items() if k[0] == "4")
            print(f"{name:<16}{row['requests']:>9}{row['2xx']:>7}{four:>7}{row['5xx']:>7}")
        seg = self.segments
        print(f"\nsegments: {seg['refusals-only']} of refusals only (checked), {seg['success-closed']} closed by an "
              f"unexpected successful write (checked outside what that write may change), {seg['expected-success requests']} "
              f"requests expected to succeed (not checked); {self.digests} state digests, "
              f"{seg['replenished']} target re-creations, {seg['cleanups']} cleanups, {seg['bisections']} replays")
        print("time: " + ", ".join(f"{k} {v:.0f}s" for k, v in self.timing.most_common()) +
              " (a digest's time includes waiting for servers and volumes to settle)")
        if self.slowest:
            print("slowest: " + "; ".join(f"#{i} {n} [{c}] {t:.2f}s" for t, i, n, c in self.slowest))
        for text, count in self.notes:
            print(f"note: {text}" + (f" (x{count})" if count > 1 else ""))
        if self.fivexx:
            print("\n5xx and crashes by endpoint:")
            for name, items in sorted(self.fivexx.items()):
                statuses = collections.Counter(str(x["status"]) for x in items)
                print(f"  {name}: {len(items)} ({', '.join(f'{k}x{v}' for k, v in sorted(statuses.items()))}); "
                      f"first:\n    {items[0]['request']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="the server's base URL (loopback only)")
    ap.add_argument("--password", help="the admin password")
    ap.add_argument("--list-endpoints", action="store_true", help="print the endpoint tables and exit")
    ap.add_argument("--seed", type=int, default=20251207)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--time-limit", type=float, default=360.0, help="seconds for the requests (setup excluded)")
    ap.add_argument("--batch", type=int, default=50, help="refusals between two state digests at most")
    ap.add_argument("--request-timeout", type=float, default=30.0)
    ap.add_argument("--pid", type=int, default=0, help="the server's process id (liveness)")
    ap.add_argument("--log", default="", help="the server's log (its tail is printed when it dies)")
    ap.add_argument("--state", default="", help="file to save progress in, to resume after a crash")
    ap.add_argument("--resume", action="store_true", help="continue from --state after a server restart")
    ap.add_argument("--restarts-left", type=int, default=0,
                    help="when the server dies and this is > 0, save --state and exit 3 (the wrapper restarts it)")
    ap.add_argument("--only", default="", help="comma-separated request indices to send (after the setup)")
    ap.add_argument("--cleanup-at", type=int, default=40, help="fuzz-made resources that trigger a cleanup")
    ap.add_argument("--max-bisections", type=int, default=5)
    ap.add_argument("--no-bisect", dest="bisect", action="store_false")
    ap.add_argument("--self-test", action="store_true",
                    help="make one hidden write inside a refusal segment; passes only if the state check reports it")
    args = ap.parse_args()
    if args.list_endpoints:
        for ep in WRITES:
            print(f"{ep['api']:<11} {ep['method']:<7} {ep['path']}" + (f"  [compute {ep['mv']}]" if ep["mv"] else ""))
        for api, path, params, mv in LISTS:
            print(f"{api:<11} GET     {path}  ?{','.join(params)}")
        return 0
    if not args.url or not args.password:
        ap.error("--url and --password are required")

    camp = Campaign(args)
    first = 0
    if args.resume and args.state and os.path.exists(args.state):
        first = camp.resume_at
        print(f"fuzz-api: resuming at position {first} of the schedule after a server restart", flush=True)
        try:
            camp.issue_tokens()
        except Failure as e:
            camp.check(False, "tokens after the restart", str(e))
            return finish(camp)
    else:
        print(f"fuzz-api: seed {args.seed}, {args.requests} requests, time limit {args.time_limit:.0f}s, "
              f"batch {args.batch}", flush=True)
        try:
            camp.setup()
            camp.check(True, "setup")
            print(f"setup done in {camp.elapsed():.1f}s: {len(WRITES)} write endpoints, {len(LISTS)} list endpoints",
                  flush=True)
        except (Failure, KeyError, TypeError, IndexError, ServerGone) as e:
            camp.check(False, "setup", f"{type(e).__name__}: {e}\n{camp.log_tail()}")
            return finish(camp)
    indices = [int(x) for x in args.only.split(",") if x.strip()] if args.only else list(range(args.requests))
    order = camp.schedule(indices)
    try:
        completed = camp.run(order, first)
    except Failure as e:
        completed = True
        camp.check(False, "harness call", str(e))
    if not completed:
        if args.state and args.restarts_left > 0:
            camp.save_state(camp.next_position)
            print(f"fuzz-api: the server died; state saved, resuming at position {camp.next_position} after a restart",
                  flush=True)
            return 3
        return finish(camp)
    alive = camp.server_alive()
    camp.check(alive, "server alive at the end and answering GET /identity/v3", "" if alive else camp.log_tail())
    if args.self_test:
        camp.check(camp.self_test_detected, "self-test: a hidden write inside a refusal segment is reported")
    return finish(camp)


def finish(camp):
    # One check per category: no unexpected 5xx in it.
    five = collections.Counter()
    for items in camp.fivexx.values():
        for x in items:
            if x["status"] != "crash":
                five[x["category"]] += 1
    for cat in [c for c in CATEGORIES + ["query"] if c in camp.stats]:
        camp.check(five[cat] == 0, f"no 5xx in category {cat}", f"{five[cat]} responses >= 500" if five[cat] else "")
    camp.report()
    print(f"\nelapsed: {camp.elapsed():.1f}s, {camp.sent} requests sent")
    if camp.failures:
        print(f"\n{len(camp.failures)} failed checks:")
        for f in camp.failures:
            print("  - " + f.splitlines()[0])
    print(f"fuzz-api: {camp.checks['passed']} passed, {camp.checks['failed']} failed", flush=True)
    return 0 if camp.checks["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
