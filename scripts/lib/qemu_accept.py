"""Timing helpers for scripts/qemu-acceptance.sh: polls the Compute API in one
process (an `openstack` call costs seconds of start-up, too coarse to time a
reconcile interval) and stamps what it sees with time.time(), the clock bash's
$EPOCHREALTIME reads.

  wait URL TOKEN SERVER_ID STATUS[,STATUS...] TIMEOUT
      polls GET /servers/ID every 0.1 s; prints "STATUS SECONDS" (the status
      reached and the seconds it took) and exits 0, or prints the last status
      and exits 1 after TIMEOUT seconds or on ERROR.
  watch URL TOKEN NAME TIMEOUT OUT_JSON
      polls GET /servers/detail?name=NAME until the server is ACTIVE or ERROR;
      the moment ACTIVE is first seen it fetches the console output
      (os-getConsoleOutput). Writes {"seen": t, "active": t, "status": s,
      "console": text} to OUT_JSON.
"""
import json
import sys
import time
import urllib.error
import urllib.request


def call(url, token, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + "/compute/v2.1" + path, data=data, method="GET" if body is None else "POST")
    request.add_header("X-Auth-Token", token)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}
    except (urllib.error.URLError, OSError, ValueError):
        return 0, {}


def wait(url, token, server_id, wanted, timeout):
    wanted = set(wanted.split(","))
    started = time.time()
    status = ""
    while time.time() - started < float(timeout):
        code, body = call(url, token, "/servers/" + server_id)
        status = body.get("server", {}).get("status", "") if code == 200 else "HTTP-%d" % code
        if status in wanted:
            print("%s %.2f" % (status, time.time() - started))
            return 0
        if status == "ERROR":
            break
        time.sleep(0.1)
    print("%s %.2f" % (status or "none", time.time() - started))
    return 1


def watch(url, token, name, timeout, out):
    started = time.time()
    result = {"seen": None, "active": None, "status": "", "console": ""}
    while time.time() - started < float(timeout):
        code, body = call(url, token, "/servers/detail?name=" + name)
        servers = [s for s in body.get("servers", []) if s.get("name") == name] if code == 200 else []
        if servers:
            now = time.time()
            server = servers[0]
            result["seen"] = result["seen"] or now
            result["status"] = server.get("status", "")
            if result["status"] == "ACTIVE":
                result["active"] = now
                _, console = call(url, token, "/servers/%s/action" % server["id"], {"os-getConsoleOutput": {}})
                result["console"] = console.get("output", "")
                break
            if result["status"] == "ERROR":
                break
        time.sleep(0.1)
    with open(out, "w") as handle:
        json.dump(result, handle)
    return 0 if result["active"] else 1


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    sys.exit({"wait": wait, "watch": watch}[command](*arguments))
