#!/usr/bin/env python3
"""GradingKit's autograder for Classroom 50 (stdlib only).

Classroom 50's runner runs this with the student's checkout as the working directory and
CLASSROOM50_BUNDLE_DIR naming this bundle: autograder.py and kit/, the student repository as the
instructor published it (no reference). It finds the .NET 10 SDK or installs it into ~/.dotnet,
then runs the kit's own grade command on the .cs files of the checkout's
starter/GradingKit.Starter: the kit comes from this bundle, never from the checkout, and the
student's project and build files are never evaluated. Whatever happens, it leaves a valid
result.json (classroom50/result/v1) and release-body.md, and exits 0.

Trying it by hand: cd <a student checkout> && python3 <bundle>/autograder.py
"""

import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.request

BUNDLE = pathlib.Path(os.environ.get("CLASSROOM50_BUNDLE_DIR") or pathlib.Path(__file__).resolve().parent)
KIT = BUNDLE / "kit"
CHECKOUT = pathlib.Path.cwd()
STARTER = CHECKOUT / "starter" / "GradingKit.Starter"
RESULT = CHECKOUT / "result.json"
BODY = CHECKOUT / "release-body.md"
REPORT = CHECKOUT / "gradingkit-report.json"
INSTALL_SCRIPT = "https://dot.net/v1/dotnet-install.sh"
GRADE_LIMIT_SECONDS = 40 * 60
# AppArmor's switch that keeps unprivileged user namespaces, and so the grading sandbox, from Ubuntu 24.04 and GitHub's runners.
APPARMOR_SWITCH = pathlib.Path("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")


def has_sdk_10(dotnet):
    try:
        listed = subprocess.run([dotnet, "--list-sdks"], capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return any(line.startswith("10.") for line in listed.stdout.splitlines())


def find_or_install_dotnet():
    home_dotnet = pathlib.Path.home() / ".dotnet" / "dotnet"
    for candidate in (shutil.which("dotnet"), str(home_dotnet), "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet"):
        if candidate and has_sdk_10(candidate):
            return candidate
    print("autograder: installing the .NET 10 SDK into ~/.dotnet", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        script = pathlib.Path(folder) / "dotnet-install.sh"
        with urllib.request.urlopen(INSTALL_SCRIPT, timeout=120) as response:
            script.write_bytes(response.read())
        subprocess.run(["bash", str(script), "--channel", "10.0", "--install-dir", str(home_dotnet.parent)],
                       check=True, timeout=20 * 60)
    if not has_sdk_10(str(home_dotnet)):
        raise RuntimeError("the .NET 10 SDK could not be installed")
    return str(home_dotnet)


def let_the_sandbox_run():
    """On a GitHub-hosted runner (discarded after the job), turn AppArmor's switch off so that the grade
    command's sandbox can make its namespaces, as the kit's workflows do (Sandbox.LetItRunOnGitHubsRunner).
    Never elsewhere: a self-hosted runner or a laptop is someone's own machine. Where it cannot, the
    report says "not sandboxed" and why."""
    try:
        restricted = APPARMOR_SWITCH.read_text(encoding="utf-8").strip() == "1"
    except OSError:
        return
    if os.environ.get("RUNNER_ENVIRONMENT") == "github-hosted" and restricted:
        try:
            subprocess.run(["sudo", "-n", "sysctl", "-w", "kernel.apparmor_restrict_unprivileged_userns=0"], timeout=60, check=False)
        except (OSError, subprocess.SubprocessError) as problem:
            print(f"autograder: could not let the sandbox run: {problem}", flush=True)


def checks():
    manifest = json.loads((KIT / "assignments.json").read_text(encoding="utf-8"))
    return [(exercise["id"], check["test"], int(check["points"]))
            for exercise in manifest["exercises"] for check in exercise["checks"]]


def not_graded(reason):
    """A valid result in which every check earns 0 and says why nothing was graded."""
    print(f"autograder: not graded: {reason}", flush=True)
    tests = [{"test-name": f"{exercise} {test}"[:100], "passed": False, "score": 0, "max-score": points,
              "status": "error", "message": reason} for exercise, test, points in checks()]
    environment = os.environ.get
    commit = environment("COMMIT_URL") or "local"
    result = {
        "schema": "classroom50/result/v1",
        "classroom": environment("CLASSROOM") or "local",
        "assignment": environment("ASSIGNMENT") or "gradingkit",
        "assignment_type": environment("ASSIGNMENT_TYPE") or "individual",
        "owner": environment("OWNER") or environment("USERNAME") or "local",
        "submission": environment("SUBMISSION_TAG") or "submit/local",
        "commit": commit,
        "release": environment("RELEASE_URL") or "local",
        "review": environment("REVIEW_URL") or commit,
        "datetime": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "score": 0,
        "max-score": sum(test["max-score"] for test in tests),
        "tests": tests,
    }
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    BODY.write_text(f"### GradingKit: 0 / {result['max-score']}\n\n**Not graded.** {reason}\n", encoding="utf-8")


def grade():
    # A result.json or release body committed by the student must never pass for this run's.
    for stale in (RESULT, BODY, REPORT):
        stale.unlink(missing_ok=True)
    if not STARTER.is_dir():
        return not_graded("the repository has no starter/GradingKit.Starter folder: the exercises' .cs files belong there.")
    dotnet = find_or_install_dotnet()
    let_the_sandbox_run()
    environment = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", DOTNET_SKIP_FIRST_TIME_EXPERIENCE="1",
                       MSBUILDDISABLENODEREUSE="1")
    command = [dotnet, "run", "--project", str(KIT / "grader" / "GradingKit.Cli"), "--",
               "grade", "--implementation", str(STARTER), "--classroom50", str(RESULT), "--json", str(REPORT)]
    run = subprocess.run(command, cwd=str(CHECKOUT), env=environment, capture_output=True, text=True,
                         timeout=GRADE_LIMIT_SECONDS, check=False)
    print(run.stdout, end="", flush=True)
    print(run.stderr, end="", file=sys.stderr, flush=True)
    try:
        json.loads(RESULT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        said = (run.stderr.strip() or run.stdout.strip()).splitlines()[-12:]
        return not_graded(f"the grade command ended with exit code {run.returncode} without a result: " + " / ".join(said))
    return None


if __name__ == "__main__":
    try:
        grade()
    except Exception as problem:  # every outcome is a result: Classroom 50 reads a missing one as an error
        not_graded(f"{type(problem).__name__}: {problem}")
    sys.exit(0)
