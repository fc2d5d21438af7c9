#!/usr/bin/env bash
# Builds the package a .NET isolated-worker Functions app on Flex Consumption runs (runtime "dotnet-isolated"):
# the framework-dependent publish of functions/Stratus.AzureFunctions, with host.json, functions.metadata (the
# functions as the worker SDK read them from the code), worker.config.json, extensions.json and .azurefunctions/
# (the host-side extensions the triggers need) at the root.
# Usage: scripts/publish.sh [outputZip]   (default: artifacts/stratus-azure-functions.zip)
# The unzipped package stays in artifacts/azure-functions/ (the metadata tests read it there).
# Deploy: az functionapp deployment source config-zip -g <group> -n <app> --src <outputZip>
set -euo pipefail

# Resolve the output against the caller's directory before moving to the repository root.
output=$(realpath -m "${1:-$(dirname "$0")/../artifacts/stratus-azure-functions.zip}")
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== %s\n' "$*"; }

package="$root/artifacts/azure-functions"
work=$(mktemp -d -t stratus-publish-XXXXXX)
trap 'rm -rf "$work"' EXIT

# A separate artifacts path keeps the Release restore and build out of the shared obj/ folders, so publishing never
# disturbs a build or test run going on in the same checkout.
log "publishing Stratus.AzureFunctions (Release, framework-dependent)"
rm -rf "$package"
if [ "${STRATUS_PUBLISH_REUSE_BUILD:-}" = 1 ]; then
  # The test command has just built the solution in Release: publishing that build (same files, byte for byte) saves
  # a second full compile of every project the app references, minutes on a 2-core machine.
  dotnet publish "$root/functions/Stratus.AzureFunctions/Stratus.AzureFunctions.csproj" -c Release --no-build \
    -o "$package" -nologo -v quiet
else
  dotnet publish "$root/functions/Stratus.AzureFunctions/Stratus.AzureFunctions.csproj" -c Release \
    --artifacts-path "$work/build" -o "$package" -nologo -v quiet
fi

for required in host.json functions.metadata worker.config.json extensions.json Stratus.AzureFunctions.dll .azurefunctions; do
  if [ ! -e "$package/$required" ]; then
    echo "the publish output has no $required" >&2
    exit 1
  fi
done
if grep -q '"customHandler"\|"extensionBundle"' "$package/host.json"; then
  echo "host.json still configures a custom handler or an extension bundle; an isolated app uses neither" >&2
  exit 1
fi
functions=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$package/functions.metadata")

log "zipping to $output"
mkdir -p "$(dirname "$output")"
rm -f "$output"
if command -v zip >/dev/null 2>&1; then
  (cd "$package" && zip -q -r -X "$output" .)
else
  python3 - "$package" "$output" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, source))
PY
fi

echo "package: $output ($(du -h "$output" | cut -f1), $functions function(s))"
