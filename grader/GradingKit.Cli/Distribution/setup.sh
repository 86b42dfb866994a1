#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image: install the .NET 10 SDK
# and build the grader, so that grading a submission only rebuilds the student's project.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source_dir=/autograder/source

apt-get update -q
apt-get install -y -q --no-install-recommends ca-certificates curl libicu-dev
curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet
ln -sf /usr/share/dotnet/dotnet /usr/local/bin/dotnet

cd "$source_dir/kit"
dotnet build grader/GradingKit.Cli
dotnet build grader/GradingKit.Grader
