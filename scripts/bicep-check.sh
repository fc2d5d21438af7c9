#!/usr/bin/env bash
# Checks infra-bicep/ offline: `bicep build` and `bicep lint` on every .bicep file, `bicep build-params` and
# `bicep lint` on every .bicepparam file. Fails (exit 1) on any error OR warning and prints a one-line summary.
#
# The Bicep CLI comes from NuGet (package Azure.Bicep.CommandLine.linux-x64, binary tools/bicep), restored by a
# throwaway project through the feed dotnet already uses, and is cached under the git-ignored tools/ folder, so a
# second run does no restore at all. Nothing is downloaded from anywhere else.
#
# Usage: scripts/bicep-check.sh [folder]   (default: infra-bicep)
# Env:   BICEP_VERSION (default 0.49.2), BICEP (use this bicep binary instead of the cached one)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${BICEP_VERSION:-0.49.2}"
package="Azure.Bicep.CommandLine.linux-x64"
target="${1:-$repo/infra-bicep}"
cache="$repo/tools/bicep/$version"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# bicep is a self-contained .NET app; don't fail on a machine without libicu.
if ! ldconfig -p 2>/dev/null | grep -q libicuuc; then export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

install_bicep() {
  # Outside the repo, so the repo's Directory.*.props (central package management) don't apply.
  local proj="$work/restore"
  mkdir -p "$proj"
  cat >"$proj/bicep-download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net$(dotnet --version | cut -d. -f1).0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$package" Version="[$version]" />
  </ItemGroup>
</Project>
EOF
  echo "bicep-check: restoring $package $version from the NuGet feed..." >&2
  if ! (cd "$proj" && dotnet restore --nologo --verbosity quiet bicep-download.csproj) >"$work/restore.log" 2>&1; then
    cat "$work/restore.log" >&2
    echo "bicep-check: FAILED: could not restore $package $version" >&2
    exit 1
  fi
  local packages
  packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')}"
  local found="${packages%/}/${package,,}/$version/tools/bicep"
  if [[ ! -f "$found" ]]; then
    echo "bicep-check: FAILED: $found not found after restore" >&2
    exit 1
  fi
  mkdir -p "$cache"
  # Copy then rename, so a concurrent run never sees a half-written binary.
  cp "$found" "$cache/bicep.$$"
  chmod +x "$cache/bicep.$$"
  mv -f "$cache/bicep.$$" "$cache/bicep"
  local actual
  actual="$("$cache/bicep" --version 2>&1 || true)"
  if [[ "$actual" != *"$version"* ]]; then
    rm -f "$cache/bicep"
    echo "bicep-check: FAILED: the restored bicep reports '$actual', expected $version" >&2
    exit 1
  fi
}

if [[ -n "${BICEP:-}" ]]; then
  bicep="$BICEP"
else
  bicep="$cache/bicep"
  [[ -x "$bicep" ]] || install_bicep
fi

mapfile -t bicep_files < <(find "$target" -name '*.bicep' -type f | sort)
mapfile -t param_files < <(find "$target" -name '*.bicepparam' -type f | sort)
if ((${#bicep_files[@]} == 0)); then
  echo "bicep-check: FAILED: no .bicep files under $target" >&2
  exit 1
fi

# The CLI takes a few seconds to start, so each command runs once over a glob rather than once per file, and the
# commands run side by side.
out="$work/out"
mkdir -p "$out" "$work/logs"
pids=()
run() { # run <name> <bicep arguments...>: in the background, output (diagnostics) to $work/logs/<name>.log
  local name="$1"
  shift
  (cd "$target" && "$bicep" "$@") >"$work/logs/$name.log" 2>&1 &
  pids+=("$!")
}
run build build --pattern '**/*.bicep' --outdir "$out" --diagnostics-format default
run lint lint --pattern '**/*.bicep*' --diagnostics-format default # .bicep and .bicepparam
if ((${#param_files[@]} > 0)); then
  run build-params build-params --pattern '**/*.bicepparam' --outdir "$out" --diagnostics-format default
fi
failed_commands=0
for pid in "${pids[@]}"; do
  wait "$pid" || failed_commands=$((failed_commands + 1))
done

# build and lint report the same diagnostic more than once; count each once.
log="$work/diagnostics.log"
cat "$work"/logs/*.log | sort -u >"$log.tmp"
mv "$log.tmp" "$log"
errors=$(grep -cE ' : Error [A-Za-z0-9_-]+:' "$log" || true)
warnings=$(grep -cE ' : Warning [A-Za-z0-9_-]+:' "$log" || true)
rel="${target#"$repo"/}"
summary="bicep $version, ${#bicep_files[@]} .bicep + ${#param_files[@]} .bicepparam in $rel: $errors error(s), $warnings warning(s)"

if ((errors > 0 || warnings > 0 || failed_commands > 0)); then
  sed "s|$repo/||g" "$log" >&2
  ((failed_commands == 0)) || summary="$summary, $failed_commands bicep command(s) failed"
  echo "bicep-check: FAILED: $summary"
  exit 1
fi
echo "bicep-check: OK: $summary (build, lint, build-params)"
