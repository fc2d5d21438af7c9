#!/usr/bin/env bash
# The README's test command. Installs what the tests need if missing, starts the real components on 127.0.0.1,
# builds warning-free, runs every test, the storage benchmark and the durable and infra benchmarks' smoke runs, stops
# what it started, and exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tools="$root/tools"
AZURITE_VERSION=3.37.0
REDOCLY_VERSION=2.77.0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== [%ss] %s\n' "$SECONDS" "$*"; }

# --- install ---------------------------------------------------------------------------------------------------
# tools/package.json pins them (Azurite, and Redocly CLI for the OpenAPI lint test); install when either is missing or
# at another version.
npm_tool_ok() { grep -q "\"version\": \"$2\"" "$tools/node_modules/$1/package.json" 2>/dev/null; }
if ! npm_tool_ok azurite "$AZURITE_VERSION" || ! npm_tool_ok @redocly/cli "$REDOCLY_VERSION" || [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  log "installing azurite $AZURITE_VERSION and @redocly/cli $REDOCLY_VERSION into tools/ (tools/package.json)"
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >/dev/null
fi

# Local dotnet tools (.config/dotnet-tools.json): kiota, which the client generation test runs offline.
log "restoring dotnet tools"
dotnet tool restore >/dev/null

# The app platform's real components: an OCI registry, buildah and podman (runc, catatonit), busybox-static for the
# `static` platform's base image (and, with bash-static, the job step image), skopeo as an independent registry client in
# tests, groovy (with its JRE) for templates' GROOVY commands, which the step sandbox mounts read-only.
container_packages=(docker-registry buildah podman skopeo runc catatonit busybox-static bash-static groovy)
missing=()
for package in "${container_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt)"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

# --- start the real components -----------------------------------------------------------------------------------
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
pids=()
workdir=$(mktemp -d -t stratus-test-XXXXXX)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$workdir"
}
trap cleanup EXIT

# A free port can be taken by someone else between choosing and binding it: if Azurite cannot listen, choose again.
start_azurite() {
  blob_port=$(free_port); queue_port=$(free_port); table_port=$(free_port)
  log "starting azurite on 127.0.0.1:$blob_port/$queue_port/$table_port"
  "$tools/node_modules/.bin/azurite" --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" --inMemoryPersistence --silent --skipApiVersionCheck \
    >"$workdir/azurite.log" 2>&1 &
  azurite_pid=$!
  for port in "$blob_port" "$queue_port" "$table_port"; do
    for _ in $(seq 1 300); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
      kill -0 "$azurite_pid" 2>/dev/null || { cat "$workdir/azurite.log"; return 1; }
      sleep 0.1
    done
  done
  sleep 0.5
  kill -0 "$azurite_pid" 2>/dev/null || { cat "$workdir/azurite.log"; return 1; }
  pids+=("$azurite_pid")
}
started=false
for attempt in 1 2 3; do
  if start_azurite; then started=true; break; fi
  echo "azurite did not start (attempt $attempt); trying other ports" >&2
done
$started || { echo "azurite exited" >&2; exit 1; }
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export STRATUS_AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"

# The registry on loopback with filesystem storage, retried on other ports like Azurite.
start_registry() {
  registry_port=$(free_port)
  mkdir -p "$workdir/registry"
  cat >"$workdir/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $workdir/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$registry_port
YAML
  log "starting docker-registry on 127.0.0.1:$registry_port"
  docker-registry serve "$workdir/registry/config.yml" >"$workdir/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$registry_port") 2>/dev/null && { pids+=("$registry_pid"); return 0; }
    kill -0 "$registry_pid" 2>/dev/null || { cat "$workdir/registry.log"; return 1; }
    sleep 0.1
  done
  return 1
}
started=false
for attempt in 1 2 3; do
  if start_registry; then started=true; break; fi
  echo "docker-registry did not start (attempt $attempt); trying another port" >&2
done
$started || { echo "docker-registry exited" >&2; exit 1; }
export STRATUS_TEST_REGISTRY="127.0.0.1:$registry_port"
# podman and buildah state for the whole run lives here (our own graphroot), so removing it removes every pod the
# tests may have left, and nothing else on the machine.
export STRATUS_TEST_CONTAINERS_DIR="$workdir/containers"
remove_test_pods() {
  [ -f "$STRATUS_TEST_CONTAINERS_DIR/containers.conf" ] || return 0
  CONTAINERS_CONF="$STRATUS_TEST_CONTAINERS_DIR/containers.conf" CONTAINERS_STORAGE_CONF="$STRATUS_TEST_CONTAINERS_DIR/storage.conf" \
    podman pod rm -a -f >/dev/null 2>&1 || true
  # Job step sandboxes are plain containers, not pods; a test that failed half-way may have left one running.
  CONTAINERS_CONF="$STRATUS_TEST_CONTAINERS_DIR/containers.conf" CONTAINERS_STORAGE_CONF="$STRATUS_TEST_CONTAINERS_DIR/storage.conf" \
    podman rm -a -f -t 0 >/dev/null 2>&1 || true
}
# Fixtures start Azurite from this checkout's tools/ under a watchdog that ends it with the test process; on a loaded
# machine a watchdog was once found stopped (state T) with its Azurite still running, so sweep them here as well: any
# process whose command line runs this checkout's Azurite (watchdog shells and node alike) was started by this run.
stop_test_azurites() { pkill -KILL -f "$tools/node_modules/.bin/azurite" 2>/dev/null || true; }
cleanup_all() { remove_test_pods; cleanup; stop_test_azurites; }
trap cleanup_all EXIT

# --- build and test ----------------------------------------------------------------------------------------------
# The Azure deployment: bicep build and lint with the CLI from NuGet; any error or warning fails the run.
log "checking infra-bicep (bicep build, lint)"
./scripts/bicep-check.sh

log "building (warnings are errors)"
dotnet build Serverless.sln -c Release -nologo -v quiet

# The Azure app's deployment package; the metadata tests read functions.metadata, extensions.json and host.json in it.
log "publishing the Azure app package"
STRATUS_PUBLISH_REUSE_BUILD=1 ./scripts/publish.sh
export STRATUS_AZURE_PACKAGE="$PWD/artifacts/azure-functions"

log "running tests"
# Every tests/*.Tests project, run from its built assembly. The durable tests run first and alone: they drive their
# Azurite hard, and beside the jobs tests' terraform runs on 2 cores they starved each other into timeouts. Then two
# lanes side by side: the API tests (the longest assembly, mostly waiting on terraform, buildah and podman) in one,
# every other assembly in turn in the other; that overlap saves minutes and the tests are built to pass under load.
results="$workdir/results"
mkdir -p "$results"
run_lane() { # <log file> <project name>...
  local lane_log=$1 lane_status=0 name dll
  shift
  for name in "$@"; do
    dll="tests/$name/bin/Release/net10.0/$name.dll"
    if [ ! -f "$dll" ]; then
      echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - $name: $dll was not built" >>"$lane_log"
      lane_status=1
      continue
    fi
    dotnet test "$dll" --logger "trx;LogFileName=$name.trx" --results-directory "$results" >>"$lane_log" 2>&1 || lane_status=1
  done
  return $lane_status
}
first=Stratus.Durable.Tests
long=Stratus.Api.Tests
others=()
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  [ "$name" = "$first" ] || [ "$name" = "$long" ] || others+=("$name")
done
set +e
run_lane "$workdir/test-first.log" "$first"; first_status=$?
cat "$workdir/test-first.log"
run_lane "$workdir/test-long.log" "$long" & long_pid=$!
run_lane "$workdir/test-others.log" "${others[@]}"; others_status=$?
cat "$workdir/test-others.log"
wait "$long_pid"; long_status=$?
cat "$workdir/test-long.log"
set -e
cat "$workdir/test-first.log" "$workdir/test-others.log" "$workdir/test-long.log" >"$workdir/test.log"
test_status=0
[ "$first_status" -eq 0 ] && [ "$others_status" -eq 0 ] && [ "$long_status" -eq 0 ] || test_status=1
log "slowest test classes (seconds summed over their tests)"
python3 scripts/slowest-tests.py "$workdir/results" 15 || true
# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 120, Skipped: 0, Total: 120, ..."
count() { grep -E '^(Passed|Failed)! +-' "$workdir/test.log" | grep -oE "$1: +[0-9]+" | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)

# Every suite's smoke run: the same scenarios, shrunk (the whole command has a 20-minute budget); the README's figures
# come from the full runs (the same commands without --quick).
log "storage benchmark (--quick)"
dotnet run -c Release --no-build --project tests/Stratus.Benchmarks -- storage --quick

log "durable benchmark (--quick)"
dotnet run -c Release --no-build --project tests/Stratus.Benchmarks -- durable --quick || echo "durable benchmark: a scenario failed (see stderr)" >&2

# The infra suite's smoke run: the real API and terraform (skipped, saying so, without terraform on PATH).
log "infra benchmark (--quick)"
dotnet run -c Release --no-build --project tests/Stratus.Benchmarks -- infra --quick || echo "infra benchmark: a scenario failed (see stderr)" >&2

# The apps suite's smoke run: the real registry, buildah and podman (skipped, saying so, when they are missing).
log "apps benchmark (--quick)"
dotnet run -c Release --no-build --project tests/Stratus.Benchmarks -- apps --quick || echo "apps benchmark: a scenario failed (see stderr)" >&2

echo
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped; the whole command took ${SECONDS} s"
if [ "$test_status" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  echo "test run failed (exit $test_status)" >&2
  exit 1
fi
