"""openstacksdk's high-level calls against a live Stratus, the way a user writes them.

Run by scripts/compat-sdk.sh with the venv's python; argument: a scratch directory.
The administrator's cloud comes from the OS_* environment (openstack.connect() reads
it, as the CLI does); the member "demo" (password demo-secret, project demo) is
created here with the identity proxy and connects with explicit arguments.

Prints one line per check: "PASS name", "FAIL name: reason", or "GAP name: reason"
for a call that cannot work because the cloud lacks a service (counted neither way).
The last line is "DONE"; the shell side counts the lines.
"""

import hashlib
import os
import sys
import time
import traceback

import openstack
from openstack import exceptions

WORK = sys.argv[1]
IMAGE_NAME = "sdk-disk"
BOOT_IMAGE = "stratus-test-image"  # public on a fresh cloud
FLAVOR = "m1.tiny"  # devstack's flavors, created with the cloud
WAIT = 120  # seconds for any state change


def say(line):
    print(line, flush=True)


def check(name, condition, detail=""):
    """PASS when condition is true, else FAIL with detail; returns the condition."""
    say(f"PASS {name}" if condition else f"FAIL {name}: {detail}")
    return bool(condition)


def attempt(label, fn, /, *args, **kwargs):
    """Runs fn and gives its result, or prints FAIL label (the exception) and gives None.
    For calls that return None on success, wrap them: lambda: call() or True."""
    try:
        return fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - every failure is reported, the rest go on
        say(f"FAIL {label}: {type(e).__name__}: {one_line(e)}")
        return None


def one_line(e):
    return " ".join(str(e).split())[:400]


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def wait_until(predicate, seconds=WAIT):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(1)
    return False


def images(admin):
    """create_image from a file, find, download (memory and file), an idempotent
    re-create, search, delete. The administrator uploads (private-cloud profile)."""
    path = os.path.join(WORK, "sdk-disk.raw")
    data = os.urandom(3 * 1024 * 1024 + 17)  # not a multiple of any chunk size
    with open(path, "wb") as f:
        f.write(data)
    md5 = hashlib.md5(data).hexdigest()
    sha256 = hashlib.sha256(data).hexdigest()

    # validate_checksum=True: the SDK hashes the file and compares the cloud's checksum
    # after the upload. (With a PUT upload wait=True has nothing to wait for: the SDK
    # returns the image as created, status queued; get_image shows the result.)
    name = "image.create_image(filename=..., wait=True, validate_checksum=True)"
    created = attempt(name, admin.image.create_image, IMAGE_NAME, filename=path,
                      disk_format="raw", container_format="bare", wait=True,
                      validate_checksum=True)
    if created is None:
        return
    say(f"PASS {name}")

    image = attempt("image.get_image", admin.image.get_image, created.id)
    if image is not None:
        check("image.get_image: active, with the file's size, md5 and sha512",
              image.status == "active" and image.size == len(data) and image.checksum == md5
              and image.hash_algo == "sha512"
              and image.hash_value == hashlib.sha512(data).hexdigest(),
              f"status={image.status} size={image.size} checksum={image.checksum} "
              f"{image.hash_algo}={image.hash_value}; want {len(data)} {md5}")
        props = image.properties or {}
        check("the SDK's owner_specified.openstack.* hash properties are stored",
              props.get("owner_specified.openstack.md5") == md5
              and props.get("owner_specified.openstack.sha256") == sha256
              and props.get("owner_specified.openstack.object") == f"images/{IMAGE_NAME}",
              f"properties={props}")

    found = attempt("image.find_image(name)", admin.image.find_image, IMAGE_NAME)
    check("image.find_image(name) finds it", found is not None and found.id == created.id,
          f"got {found and found.id}, want {created.id}")

    response = attempt("image.download_image", admin.image.download_image, created.id)
    if response is not None:
        body = response.content
        check("image.download_image returns the same bytes (sha256)",
              hashlib.sha256(body).hexdigest() == sha256,
              f"{len(body)} bytes back, sha256 {hashlib.sha256(body).hexdigest()}")

    # output=: the SDK streams into the file, checking the bytes against os_hash_value.
    saved = os.path.join(WORK, "sdk-disk.saved")
    if attempt("image.download_image(output=path)", admin.image.download_image,
               created.id, output=saved) is not None:
        check("image.download_image(output=path) writes the same bytes",
              os.path.exists(saved) and sha256_file(saved) == sha256,
              "the saved file differs" if os.path.exists(saved) else "no file written")

    # Same name, same hashes: create_image finds the image by its properties and
    # returns it without a second upload.
    again = attempt("image.create_image again (same name and file)", admin.image.create_image,
                    IMAGE_NAME, filename=path, disk_format="raw", container_format="bare",
                    wait=True, validate_checksum=True)
    if again is not None:
        same_name = [i.id for i in admin.image.images(name=IMAGE_NAME)]
        check("create_image again returns the existing image, no duplicate",
              again.id == created.id and same_name == [created.id],
              f"got {again.id}, want {created.id}; images named {IMAGE_NAME}: {same_name}")

    listed = attempt("conn.search_images()", admin.search_images)
    if listed is not None:
        names = sorted(i.name for i in listed)
        check("conn.search_images() lists the upload and the bootstrap image",
              IMAGE_NAME in names and BOOT_IMAGE in names, f"got {names}")
    named = attempt("conn.search_images(name)", admin.search_images, IMAGE_NAME)
    if named is not None:
        check("conn.search_images(name) narrows to it", [i.id for i in named] == [created.id],
              f"got {[i.name for i in named]}")

    if attempt("image.delete_image", lambda: admin.image.delete_image(created.id) or True):
        gone = attempt("image.find_image after delete",
                       lambda: admin.image.find_image(IMAGE_NAME) or "none")
        if gone is not None:
            check("image.delete_image, then find_image finds nothing", gone == "none",
                  f"still there: {gone}")


def identity(admin, auth_url, region):
    """Project, user and role grant with the identity proxy; gives the member's connection."""
    project = attempt("identity.create_project", admin.identity.create_project,
                      name="demo", domain_id="default", description="compat-sdk")
    user = project and attempt("identity.create_user", admin.identity.create_user,
                               name="demo", password="demo-secret", domain_id="default",
                               default_project_id=project.id)
    role = attempt("identity.find_role(member)", admin.identity.find_role, "member")
    granted = (project and user and role and attempt(
        "identity.assign_project_role_to_user",
        lambda: admin.identity.assign_project_role_to_user(project, user, role) or True))
    if not granted:
        say("FAIL a member 'demo' in project 'demo': a step above failed")
        return None
    check("identity.create_project/create_user/assign_project_role_to_user, "
          "then validate_user_has_project_role",
          attempt("identity.validate_user_has_project_role",
                  admin.identity.validate_user_has_project_role, project, user, role) is True,
          "the grant is not visible")

    found = attempt("identity.find_project(name)", admin.identity.find_project, "demo")
    check("identity.find_project(name) finds the project",
          found is not None and found.id == project.id and found.domain_id == "default",
          f"got {found}, want {project.id}")
    unknown = attempt("identity.find_project(unknown)", lambda: admin.identity.find_project(
        "no-such-project") or "none")
    check("identity.find_project of an unknown name is None", unknown == "none", f"got {unknown}")
    admin_project = attempt("identity.find_project(admin)", admin.identity.find_project, "admin")
    check("conn.current_project_id is the admin project",
          admin_project is not None and admin.current_project_id == admin_project.id,
          f"current {admin.current_project_id}, admin project {admin_project and admin_project.id}")

    member = openstack.connect(
        auth_url=auth_url, username="demo", password="demo-secret", project_name="demo",
        user_domain_name="Default", project_domain_name="Default", region_name=region,
        identity_api_version="3",
    )
    pid = attempt("the member authenticates", lambda: member.current_project_id)
    if pid is None:
        return None
    check("the member's conn.current_project_id is project demo", pid == project.id,
          f"got {pid}, want {project.id}")
    check("the member's conn.current_user_id is the new user", member.current_user_id == user.id,
          f"got {member.current_user_id}, want {user.id}")
    mine = attempt("identity.user_projects (the member's own)", lambda: [
        p.name for p in member.identity.user_projects(member.current_user_id)])
    check("identity.user_projects(own user) lists demo", mine == ["demo"], f"got {mine}")
    return member


def gone(conn, server_id):
    try:
        conn.compute.get_server(server_id)
    except exceptions.NotFoundException:
        return True
    return False


def compute(member):
    """The compute proxy, as the member: find flavor and image, key pair, a server's
    create / wait / stop / start / delete."""
    flavor = attempt("compute.find_flavor", member.compute.find_flavor, FLAVOR)
    check(f"compute.find_flavor({FLAVOR})", flavor is not None and flavor.name == FLAVOR,
          f"got {flavor}")
    image = attempt("image.find_image(boot image)", member.image.find_image, BOOT_IMAGE)
    check(f"image.find_image({BOOT_IMAGE}) as the member",
          image is not None and image.status == "active", f"got {image and image.status}")
    if flavor is None or image is None:
        say("FAIL the compute proxy's server checks: no flavor or image to boot")
        return

    key = attempt("compute.create_keypair", member.compute.create_keypair, name="sdk-key")
    check("compute.create_keypair generates a private key",
          key is not None and "PRIVATE KEY" in (key.private_key or ""), f"got {key}")
    if key is not None and key.private_key:
        # Nova generates RSA, and tempest's SSH client loads generated keys with paramiko's
        # RSAKey: the stored public key must be this private key's own.
        try:
            import io
            import paramiko
            loaded = paramiko.RSAKey.from_private_key(io.StringIO(key.private_key))
            derived = f"{loaded.get_name()} {loaded.get_base64()}"
        except Exception as e:  # noqa: BLE001 - any failure to load is the finding
            derived = f"not an RSA key: {one_line(e)}"
        check("the generated key is RSA (paramiko.RSAKey loads it) and its public half is stored",
              (key.public_key or "").startswith(derived + " ") or key.public_key == derived,
              f"derived {derived[:60]}…, stored {(key.public_key or '')[:60]}…")
    key_name = "sdk-key" if key is not None else None

    # From microversion 2.37 Nova requires networks; "none" needs no Networking service.
    server = attempt("compute.create_server", member.compute.create_server,
                     name="sdk-vm", image_id=image.id, flavor_id=flavor.id, networks="none",
                     key_name=key_name)
    server = server and attempt("compute.wait_for_server(status='ACTIVE')",
                                member.compute.wait_for_server, server, status="ACTIVE", wait=WAIT)
    if server is None:
        return
    say("PASS compute.create_server + wait_for_server(status='ACTIVE')")
    shown = attempt("compute.get_server", member.compute.get_server, server.id)
    if shown is not None:
        check("compute.get_server shows ACTIVE, the flavor and the key",
              shown.status == "ACTIVE" and shown.flavor.name == FLAVOR and shown.key_name == key_name,
              f"got {shown.status} {shown.flavor} {shown.key_name}")
    found = attempt("compute.find_server(name)", member.compute.find_server, "sdk-vm")
    check("compute.find_server(name)", found is not None and found.id == server.id, f"got {found}")

    if attempt("compute.stop_server", lambda: member.compute.stop_server(server) or True):
        stopped = attempt("compute.wait_for_server(status='SHUTOFF')", member.compute.wait_for_server,
                          server, status="SHUTOFF", wait=WAIT)
        if stopped is not None:
            check("compute.stop_server + wait_for_server(status='SHUTOFF')",
                  stopped.status == "SHUTOFF", f"got {stopped.status}")
    if attempt("compute.start_server", lambda: member.compute.start_server(server) or True):
        started = attempt("compute.wait_for_server(status='ACTIVE') after start",
                          member.compute.wait_for_server, server, status="ACTIVE", wait=WAIT)
        if started is not None:
            check("compute.start_server + wait_for_server(status='ACTIVE')",
                  started.status == "ACTIVE", f"got {started.status}")

    if attempt("compute.delete_server", lambda: member.compute.delete_server(server) or True):
        waited = attempt("compute.wait_for_delete", member.compute.wait_for_delete, server, wait=WAIT)
        if waited is not None:
            check("compute.delete_server + wait_for_delete, then get_server is a 404",
                  gone(member, server.id), "still there")
    if key is not None and attempt("compute.delete_keypair",
                                   lambda: member.compute.delete_keypair("sdk-key") or True):
        left = attempt("compute.find_keypair after delete",
                       lambda: member.compute.find_keypair("sdk-key") or "none")
        if left is not None:
            check("compute.delete_keypair, then find_keypair finds nothing", left == "none",
                  f"still there: {left}")


def cloud_layer(member):
    """The cloud layer (conn.create_server & co), which goes looking for networks itself."""
    flavors = attempt("conn.list_flavors()", member.list_flavors)
    if flavors is not None:
        check("conn.list_flavors() has m1.tiny and m1.small",
              {"m1.tiny", "m1.small"} <= {f.name for f in flavors}, f"got {[f.name for f in flavors]}")

    # wait=False and the proxy's wait: this path does not need an address on the server.
    # Without a network= the cloud layer sends networks "auto" (microversion >= 2.37).
    server = attempt("conn.create_server(wait=False, auto_ip=False)", member.create_server,
                     "sdk-cloud-vm", image=BOOT_IMAGE, flavor=FLAVOR, auto_ip=False, wait=False)
    if server is not None:
        check("conn.create_server resolves image and flavor by name",
              server.status in ("BUILD", "ACTIVE") and server.image.id and server.flavor.name == FLAVOR,
              f"status {server.status} image {server.image} flavor {server.flavor}")
        active = attempt("compute.wait_for_server on the cloud layer's server",
                         member.compute.wait_for_server, server, status="ACTIVE", wait=WAIT)
        if active is not None:
            check("the cloud layer's server becomes ACTIVE", active.status == "ACTIVE",
                  f"got {active.status}")

        listed = attempt("conn.list_servers()", member.list_servers)
        if listed is not None:
            check("conn.list_servers() shows it ACTIVE",
                  [(s.name, s.status) for s in listed] == [("sdk-cloud-vm", "ACTIVE")],
                  f"got {[(s.name, s.status) for s in listed]}")
        got = attempt("conn.get_server(name)", member.get_server, "sdk-cloud-vm")
        check("conn.get_server(name)", got is not None and got.id == server.id, f"got {got}")
        unknown = attempt("conn.get_server(unknown)", lambda: member.get_server("no-such-vm") or "none")
        check("conn.get_server of an unknown name is None", unknown == "none", f"got {unknown}")

        deleted = attempt("conn.delete_server(wait=True)", member.delete_server,
                          "sdk-cloud-vm", wait=True, timeout=WAIT)
        if deleted is not None:
            left = attempt("conn.get_server after delete",
                           lambda: member.get_server("sdk-cloud-vm") or "none")
            check("conn.delete_server(name, wait=True) returns True, then get_server is None",
                  deleted is True and left == "none", f"returned {deleted}, then found {left}")

    # wait=True: openstacksdk deletes a server that turns ACTIVE with no address
    # (cloud/_compute.py get_active_server), whatever auto_ip says. Without a Networking
    # service nothing gives the server an address, so this works only with one.
    networking = member.has_service("network")
    name = "sdk-cloud-wait"
    call = "conn.create_server(wait=True, auto_ip=False)"
    try:
        server = member.create_server(name, image=BOOT_IMAGE, flavor=FLAVOR, auto_ip=False,
                                      wait=True, timeout=WAIT)
    except exceptions.SDKException as e:
        if not networking and "without being allocated an IP address" in str(e):
            say(f"GAP {call}: no network service in the catalog, so the server went ACTIVE "
                f"with addresses {{}} and the SDK deleted it: {one_line(e)}")
            check("the SDK's clean-up of the address-less server works (it is gone)",
                  wait_until(lambda: member.get_server(name) is None), "still listed")
        else:
            say(f"FAIL {call}: {type(e).__name__}: {one_line(e)}")
    else:
        check(f"{call} returns it ACTIVE with an address",
              server.status == "ACTIVE" and server.addresses,
              f"status {server.status} addresses {server.addresses}")
        deleted = attempt("conn.delete_server(id, wait=True)", member.delete_server,
                          server.id, wait=True, timeout=WAIT)
        if deleted is not None:
            check("conn.delete_server(id, wait=True) of the waited-for server", deleted is True,
                  f"returned {deleted}")


def main():
    admin = openstack.connect()  # the OS_* environment, like the CLI
    auth_url = os.environ["OS_AUTH_URL"]
    region = os.environ.get("OS_REGION_NAME")
    member = None

    def run(section, fn):
        try:
            return fn()
        except Exception as e:  # noqa: BLE001 - a crash in one section must not hide the rest
            say(f"FAIL the {section} checks crashed: {type(e).__name__}: {one_line(e)}")
            traceback.print_exc()
            return None

    run("image", lambda: images(admin))
    member = run("identity", lambda: identity(admin, auth_url, region))
    if member is None:
        say("FAIL the compute and cloud-layer checks: no member connection")
    else:
        run("compute", lambda: compute(member))
        run("cloud-layer", lambda: cloud_layer(member))
    say("DONE")


if __name__ == "__main__":
    main()
