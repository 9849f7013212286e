"""Writes docs/compatibility.md from the last tempest runs and compat-script logs.

    compat_report.py WORK OUT NOTES

WORK holds one folder per tempest area (interop, compute, identity, image), each with the
stestr repository of its last run, and compat/<script>.log with each compatibility
script's output. NOTES (markdown, hand-written analysis) is appended verbatim.
Every failure is listed with the last line of its traceback; every skip with its reason.
"""
import datetime
import io
import os
import re
import subprocess
import sys

import subunit
import testtools

AREAS = [
    ("interop", "interop guideline (2020.06, 109 listed)", "tempest-interop.sh"),
    ("compute", "`tempest.api.compute`", "tempest-compute.sh"),
    ("image", "`tempest.api.image.v2`", "tempest-image.sh"),
    ("identity", "`tempest.api.identity.v3` + `identity.admin.v3`", "tempest-identity.sh"),
]
COMPAT = [
    ("compat-identity", "openstackclient, identity"),
    ("compat-compute", "openstackclient, flavors/keypairs/hosts"),
    ("compat-image", "openstackclient, images"),
    ("compat-servers", "openstackclient, a server's life"),
    ("compat-network", "openstackclient, networks, ports, security groups"),
    ("compat-volume", "openstackclient, volumes and their attachments"),
    ("compat-quotas", "openstackclient + openstacksdk, quotas and limits (Nova, Cinder, Neutron)"),
    ("compat-image-signing", "openssl + openstackclient + barbicanclient, signed images"),
    ("compat-sdk", "openstacksdk's conveniences (Python)"),
]


def results(folder):
    """test id (attributes stripped) -> (status, reason) of the last stestr run."""
    stream = subprocess.run(
        [os.path.join(os.environ["VENV"], "bin", "stestr"), "last", "--subunit"],
        cwd=folder, capture_output=True, check=False).stdout
    found = {}

    def on_test(test):
        status = test["status"]
        if status not in ("success", "fail", "skip"):
            return
        name = re.sub(r"\[.*\]$", "", test["id"])
        details = test["details"]
        reason = ""
        if status == "skip" and "reason" in details:
            reason = details["reason"].as_text().strip()
        elif status == "fail" and "traceback" in details:
            lines = [line.strip() for line in details["traceback"].as_text().splitlines() if line.strip()]
            reason = lines[-1] if lines else ""
        found[name] = (status, reason[:300])

    result = testtools.StreamToDict(on_test)
    result.startTestRun()
    # Anything that is not subunit (a warning stestr printed) is skipped, not fatal.
    subunit.ByteStreamToStreamResult(io.BytesIO(stream), non_subunit_name="stdout").run(result)
    result.stopTestRun()
    return found


def counts(found, keep=lambda name: True):
    chosen = [status for name, (status, _) in found.items() if keep(name)]
    return chosen.count("success"), chosen.count("fail"), chosen.count("skip")


def compat_counts(log):
    try:
        text = open(log).read()
    except OSError:
        return None
    match = re.findall(r": (\d+) passed, (\d+) failed", text)
    return tuple(int(n) for n in match[-1]) if match else None


def main():
    work, out, notes = sys.argv[1:4]
    total = sum(1 for line in open(os.environ["INTEROP_LIST"]) if line.strip())
    area_results = {}
    for name, _, _ in AREAS:
        folder = os.path.join(work, name)
        area_results[name] = results(folder) if os.path.isdir(os.path.join(folder, ".stestr")) else None
    lines = [
        "# Compatibility: what real clients and tempest say",
        "",
        f"Written by `scripts/compatibility-report.sh` on {datetime.date.today().isoformat()} with "
        f"{os.environ.get('CLIENTS', 'the pinned clients of scripts/venv.sh')}, against a fresh `stratus serve` "
        "(debug build, simulated hosts) per area. Rerun it to check; CI runs the interop list on every change.",
        "",
    ]
    interop = area_results["interop"]
    # tempest-interop.sh runs the tests the simulated cloud skipped (SSH into guests)
    # again on QEMU guests with instance validation; those results replace the skips.
    validation_folder = os.path.join(work, "validation")
    revalidated = []
    if interop is not None and os.path.isdir(os.path.join(validation_folder, ".stestr")):
        for test, (status, reason) in results(validation_folder).items():
            if interop.get(test, ("skip", ""))[0] == "skip" and test in interop:
                interop[test] = (status, reason)
                revalidated.append(test)
    if interop is not None:
        lines += [f"**interop: {counts(interop)[0]}/{total}**", ""]
        if revalidated:
            lines += [
                f"{len(revalidated)} of them log in to their guests over SSH, which simulated guests cannot serve: "
                "`scripts/tempest-validation.sh` runs those with `run_validation = true` against a "
                "`--driver qemu --guest-bridge` cloud (real guests, reached on their fixed addresses), "
                "and their results count here: " + ", ".join(f"`{t.rsplit('.', 1)[-1]}`" for t in sorted(revalidated)) + ".",
                "",
            ]
    listed = [re.sub(r"\[.*\]$", "", line.strip()) for line in open(os.environ["INTEROP_LIST"]) if line.strip()]
    unrun = [test for test in listed if interop is not None and test not in interop]
    lines += ["| area | script | passed | failed | skipped |", "|---|---|---|---|---|"]
    for name, title, script in AREAS:
        found = area_results[name]
        if found is None:
            lines.append(f"| {title} | `{script}` | not run | | |")
            continue
        passed, failed, skipped = counts(found)
        extra = f" (+{len(unrun)} in a class skipped at setup)" if name == "interop" and unrun else ""
        lines.append(f"| {title} | `{script}` | {passed} | {failed} | {skipped}{extra} |")
        if name == "compute":
            for label, keep in (("non-admin", lambda n: ".compute.admin." not in n),
                                ("admin", lambda n: ".compute.admin." in n)):
                p, f, s = counts(found, keep)
                share = f", {100 * p // max(1, p + f)}% of those that ran" if label == "non-admin" else ""
                lines.append(f"| … {label}{share} | | {p} | {f} | {s} |")
    for script, title in COMPAT:
        got = compat_counts(os.path.join(work, "compat", script + ".log"))
        shown = f"| {got[0]} | {got[1]} | |" if got else "| not run | | |"
        lines.append(f"| {title} | `{script}.sh` {shown}")
    lines.append("")
    if unrun:
        lines += [f"## interop: {len(unrun)} listed tests that did not run (their class was skipped at setup)", ""]
        lines += [f"- `{test}`" for test in unrun]
        lines.append("")
    for name, title, _ in AREAS:
        found = area_results[name]
        if not found:
            continue
        for status, heading in (("fail", "failed"), ("skip", "skipped")):
            listed = sorted((test, reason) for test, (state, reason) in found.items() if state == status)
            if not listed:
                continue
            lines += [f"## {title}: {len(listed)} {heading}", ""]
            lines += [f"- `{test}`: {reason or '(no reason given)'}" for test, reason in listed]
            lines.append("")
    if os.path.exists(notes):
        lines += [open(notes).read().rstrip(), ""]
    with open(out, "w") as handle:
        handle.write("\n".join(lines))


if __name__ == "__main__":
    main()
