namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// The script an execution's container runs around the step (<c>bash -c SCRIPT stratus-step COMMAND…</c>): fetch and
/// unpack the working directory at the same absolute path the host had, run the step in its own process group with
/// nothing but the spec's environment, number every output line (the driver's order and de-duplication key in Log
/// Analytics; bash numbers them, since mawk holds piped input back until its buffer fills), then upload the numbered
/// log and the files the step wrote or changed, the exit code as metadata on both. A stop (SIGTERM from Container
/// Apps) becomes SIGTERM to the step's group, which terraform treats as an interrupt (it releases the state lock); the
/// uploads still happen within the job's termination grace period.
/// </summary>
internal static class StepWrapper
{
    public const string DirectoryVariable = "STRATUS_SANDBOX_DIR";
    public const string InputVariable = "STRATUS_SANDBOX_INPUT_URL";
    public const string ResultVariable = "STRATUS_SANDBOX_RESULT_URL";
    public const string LogVariable = "STRATUS_SANDBOX_LOG_URL";

    /// <summary>The sandbox name, so an execution ARM accepted before the record was updated can still be found by name.</summary>
    public const string NameVariable = "STRATUS_SANDBOX_NAME";

    /// <summary>The last console line, after the uploads; the exit code for a driver whose result blob never arrived.</summary>
    public const string ExitMarker = "stratus-sandbox-exit ";

    /// <summary>The variables the driver adds to the spec's; the wrapper removes them before the step starts.</summary>
    public static readonly IReadOnlyList<string> Variables = [DirectoryVariable, InputVariable, ResultVariable, LogVariable, NameVariable];

    public const string Script = """
        set -u
        W=$STRATUS_SANDBOX_DIR IN=$STRATUS_SANDBOX_INPUT_URL OUT=$STRATUS_SANDBOX_RESULT_URL LOG=$STRATUS_SANDBOX_LOG_URL
        unset STRATUS_SANDBOX_DIR STRATUS_SANDBOX_INPUT_URL STRATUS_SANDBOX_RESULT_URL STRATUS_SANDBOX_LOG_URL STRATUS_SANDBOX_NAME
        T=$(mktemp -d)
        echo 255 > "$T/code"
        main() {
          if ! { mkdir -p "$W" && curl -fsS --retry 5 -o "$T/in.tgz" "$IN" && tar -xzf "$T/in.tgz" -C "$W"; }; then
            echo "Stratus could not fetch the step's working directory into the container."
            return
          fi
          rm -f "$T/in.tgz"
          touch -d "@$(( $(date +%s) - 2 ))" "$T/since"
          cd "$W" || return
          setsid "$@" < /dev/null &
          echo $! > "$T/pid"
          wait $!
          echo $? > "$T/code"
        }
        number() { n=0; while IFS= read -r line || [ -n "$line" ]; do n=$((n + 1)); printf '%d %s\n' "$n" "$line"; done; }
        main "$@" 2>&1 | number | tee "$T/log" &
        trap 'test -s "$T/pid" && kill -TERM -- "-$(cat "$T/pid")" 2>/dev/null' TERM INT
        until wait; do :; done
        trap - TERM INT
        code=$(cat "$T/code")
        if [ -e "$T/since" ] && cd "$W"; then
          find . -newer "$T/since" ! -type d -print0 | tar -czf "$T/out.tgz" --null -T -
        else
          tar -czf "$T/out.tgz" -T /dev/null
        fi
        put() { curl -fsS --retry 5 -X PUT -H 'x-ms-blob-type: BlockBlob' -H "x-ms-meta-exitcode: $code" --data-binary "@$1" "$2" > /dev/null; }
        put "$T/log" "$LOG" || echo "Stratus could not upload the step's log."
        put "$T/out.tgz" "$OUT" || echo "Stratus could not upload the step's files."
        rm -rf "$T"
        echo "stratus-sandbox-exit $code"
        exit "$code"
        """;
}
