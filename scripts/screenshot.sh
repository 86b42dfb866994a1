#!/usr/bin/env bash
# The README's picture of a timing check: the Sequential submission (tests/Submissions/Sequential)
# graded on E04 with --html, its page rendered by headless Chromium into docs/images/sequential-e04.png.
# Installs Debian's chromium package when it is missing (apt-get, as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The submission as the kit's tests build it: the reference's sources, the submission's files in their place, its edits applied.
python3 - "$work/sequential" <<'PY'
import glob, json, os, shutil, sys
out, sub = sys.argv[1], "tests/Submissions/Sequential"
os.makedirs(out)
for source in glob.glob("reference/GradingKit.Reference/*.cs") + glob.glob(f"{sub}/*.cs"):
    shutil.copy(source, out)
for edit in json.load(open(f"{sub}/expected.json")).get("edits") or []:
    path = os.path.join(out, edit["file"])
    text = open(path).read()
    assert text.count(edit["find"]) == 1, edit
    open(path, "w").write(text.replace(edit["find"], edit["replace"]))
open(os.path.join(out, "Sequential.csproj"), "w").write('<Project Sdk="Microsoft.NET.Sdk" />\n')
PY

dotnet run --project grader/GradingKit.Cli -- grade --implementation "$work/sequential" --exercise E04 --html "$work/report.html"
mkdir -p docs/images
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=960,1000 \
  --screenshot="$PWD/docs/images/sequential-e04.png" "file://$work/report.html#E04-Takes_about_ceil_n_over_CPUs_task_durations"
echo "Wrote docs/images/sequential-e04.png"
