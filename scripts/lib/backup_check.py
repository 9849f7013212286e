"""scripts/check-backup.sh's API work, with the standard library only.

    backup_check.py setup URL PASSWORD             projects, users, quotas, 3 uploaded images
    backup_check.py churn URL PASSWORD LOG DONE    50 servers created and deleted by 5 threads;
                                                   each thread's last create waits for the file DONE
    backup_check.py snapshot MANIFEST LOG START END
                                                   the manifest holds every server that lived through
                                                   the backup window and none asked for after it
    backup_check.py restored URL PASSWORD MANIFEST  the restored cloud serves everything the manifest holds
                                                   (servers it caught being deleted may finish going)

Each check prints PASS/FAIL lines; the exit status is the number of failures.
"""

import hashlib
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

TEST_IMAGE = "5a7c0e1e-57a7-4000-8000-7e57000000a1"
failures = 0


def verdict(ok, name, detail=""):
    global failures
    if ok:
        print(f"PASS {name}")
    else:
        failures += 1
        print(f"FAIL {name}{': ' + detail if detail else ''}")


def call(url, method="GET", token=None, body=None, raw=None, content_type=None):
    headers = {}
    data = None
    if token:
        headers["X-Auth-Token"] = token
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if raw is not None:
        data = raw
        headers["Content-Type"] = content_type or "application/octet-stream"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def token(url, user, password, project):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    status, headers, text = call(f"{url}/identity/v3/auth/tokens", "POST", body=body)
    if status != 201:
        raise SystemExit(f"token for {user}: {status} {text[:200]!r}")
    return headers["X-Subject-Token"]


def json_of(reply):
    status, _, text = reply
    return status, (json.loads(text) if text else None)


def setup(url, password):
    admin = token(url, "admin", password, "admin")
    role = json_of(call(f"{url}/identity/v3/roles?name=member", token=admin))[1]["roles"][0]["id"]
    for project, user in (("demo", "alice"), ("other", "bob")):
        status, created = json_of(call(f"{url}/identity/v3/projects", "POST", admin,
                                       {"project": {"name": project, "domain_id": "default"}}))
        verdict(status == 201, f"project {project} created", str(status))
        project_id = created["project"]["id"]
        status, made = json_of(call(f"{url}/identity/v3/users", "POST", admin, {"user": {
            "name": user, "password": f"pw-{user}", "default_project_id": project_id}}))
        verdict(status == 201, f"user {user} created", str(status))
        status, _, _ = call(f"{url}/identity/v3/projects/{project_id}/users/{made['user']['id']}/roles/{role}",
                            "PUT", admin)
        verdict(status == 204, f"{user} is a member of {project}", str(status))
        status, _, _ = call(f"{url}/compute/v2.1/os-quota-sets/{project_id}", "PUT", admin,
                            {"quota_set": {"instances": 200, "cores": 400, "ram": 409600}})
        verdict(status == 200, f"{project}'s quotas raised for the churn", str(status))
    for index in range(3):
        data = bytes((i * 31 + index) % 256 for i in range(50_000 + index * 7_000))
        status, image = json_of(call(f"{url}/image/v2/images", "POST", admin, {
            "name": f"backup-image-{index}", "disk_format": "raw", "container_format": "bare"}))
        status, _, _ = call(f"{url}/image/v2/images/{image['id']}/file", "PUT", admin, raw=data)
        verdict(status == 204, f"image backup-image-{index} uploaded ({len(data)} bytes)", str(status))


def churn(url, password, log_path, done_path):
    tokens = [token(url, "alice", "pw-alice", "demo"), token(url, "bob", "pw-bob", "other")]
    lock = threading.Lock()
    log = open(log_path, "a", buffering=1)
    errors = []

    def record(event):
        with lock:
            log.write(json.dumps(event) + "\n")

    def worker(number):
        auth = tokens[number % 2]
        previous = None
        for index in range(10):
            if index == 9:
                while not os.path.exists(done_path):
                    time.sleep(0.01)
            sent = time.time()
            status, server = json_of(call(f"{url}/compute/v2.1/servers", "POST", auth, {"server": {
                "name": f"churn-{number}-{index}", "imageRef": TEST_IMAGE, "flavorRef": "1"}}))
            if status != 202:
                errors.append(f"create churn-{number}-{index}: {status} {server}")
                continue
            record({"event": "created", "id": server["server"]["id"], "sent": sent, "accepted": time.time()})
            if index % 2 == 1 and previous:
                record({"event": "deleting", "id": previous, "sent": time.time()})
                status, _, text = call(f"{url}/compute/v2.1/servers/{previous}", "DELETE", auth)
                if status != 204:
                    errors.append(f"delete {previous}: {status} {text[:200]!r}")
            previous = server["server"]["id"]

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    verdict(not errors, "50 servers created and 25 deleted through the API while the backup ran", "; ".join(errors[:3]))


def churn_log(log_path):
    servers = {}
    with open(log_path) as log:
        for line in log:
            event = json.loads(line)
            if event["event"] == "created":
                servers[event["id"]] = {"sent": event["sent"], "accepted": event["accepted"], "deleting": None}
            else:
                servers[event["id"]]["deleting"] = event["sent"]
    return servers


def snapshot(manifest_path, log_path, start, end):
    manifest = json.load(open(manifest_path))
    servers = churn_log(log_path)
    held = {server["id"] for server in manifest["contents"]["servers"]}
    before = [s for s in servers.values() if s["accepted"] < start]
    after = [s for s in servers.values() if s["sent"] > end]
    verdict(len(before) >= 10 and len(after) >= 5, "the backup ran inside the churn",
            f"{len(before)} servers before it, {len(after)} after")
    lived = [i for i, s in servers.items() if s["accepted"] < start and (s["deleting"] is None or s["deleting"] > end)]
    missing = [i for i in lived if i not in held]
    verdict(not missing, f"the snapshot holds all {len(lived)} servers that lived through the backup", str(missing[:3]))
    late = [i for i, s in servers.items() if s["sent"] > end and i in held]
    verdict(not late, "the snapshot holds no server asked for after the backup", str(late[:3]))
    images = [i for i in manifest["contents"]["images"] if (i.get("name") or "").startswith("backup-image-")]
    files = {f["path"] for f in manifest["files"]}
    verdict(len(images) == 3 and all(f"images/{i['id']}" in files for i in images),
            "the backup holds the three uploaded images' data", str(images))
    verdict(not manifest["imagesWithoutData"], "no image lost its data", str(manifest["imagesWithoutData"]))


def restored(url, password, manifest_path):
    manifest = json.load(open(manifest_path))
    contents = manifest["contents"]
    admin = token(url, "admin", password, "admin")

    def ids(path, key):
        status, listing = json_of(call(url + path, token=admin))
        return {item["id"] for item in (listing or {}).get(key, [])}

    want = {p["id"] for p in contents["projects"]}
    verdict(ids("/identity/v3/projects", "projects") == want, f"all {len(want)} projects are served")
    want = {u["id"] for u in contents["users"]}
    verdict(ids("/identity/v3/users", "users") == want, f"all {len(want)} users are served")
    # The restored hosts reconcile at once: a server the snapshot caught being deleted may
    # finish going; every other one is served, and nothing the snapshot did not hold.
    held = {s["id"] for s in contents["servers"]}
    staying = {s["id"] for s in contents["servers"] if s.get("taskState") != "deleting"}
    got = ids("/compute/v2.1/servers?all_tenants=1", "servers")
    verdict(staying <= got <= held,
            f"all {len(staying)} servers of the snapshot are served ({len(held) - len(staying)} it caught being deleted may go), and no other",
            f"missing {sorted(staying - got)[:3]}, extra {sorted(got - held)[:3]}")
    with_data = [i for i in contents["images"] if i["status"] in ("active", "deactivated")]
    bad = []
    for image in with_data:
        status, shown = json_of(call(f"{url}/image/v2/images/{image['id']}", token=admin))
        status_file, _, data = call(f"{url}/image/v2/images/{image['id']}/file", token=admin)
        if (status != 200 or shown.get("checksum") != image.get("checksum") or shown.get("os_hash_value") != image.get("hashValue")
                or status_file != 200 or hashlib.md5(data).hexdigest() != image.get("checksum")):
            bad.append(image["id"])
    verdict(not bad, f"all {len(with_data)} images are served with their data and the same checksums", str(bad))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup(*args)
    elif command == "churn":
        churn(*args)
    elif command == "snapshot":
        snapshot(args[0], args[1], float(args[2]), float(args[3]))
    elif command == "restored":
        restored(*args)
    else:
        raise SystemExit(f"unknown command {command}")
    sys.exit(min(failures, 100))
