#!/usr/bin/env bash
# Regenerates cli/Stratus.Client/Generated (the Stratus API's Kiota client) from the live OpenAPI document of the
# in-process API. It runs the same test that checks the client (tests/Stratus.Client.Tests, ClientGenerationTests) in
# its writing mode, so the script and the check cannot use different options. Commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build tests/Stratus.Client.Tests -c Debug -nodeReuse:false -v quiet
STRATUS_CLIENT_REGENERATE=1 dotnet test tests/Stratus.Client.Tests -c Debug --no-build \
  --filter "FullyQualifiedName~ClientGenerationTests" --logger "console;verbosity=minimal"
git status --short -- cli/Stratus.Client/Generated
