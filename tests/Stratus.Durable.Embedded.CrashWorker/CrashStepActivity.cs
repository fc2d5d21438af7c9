using System.Security.Cryptography;
using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>
/// One step: takes a little time (so kills land mid-run), records "&lt;instance&gt;|&lt;step&gt;|&lt;random token&gt;" in the
/// effects log, and returns a result derived from its input so the orchestration output proves no result was lost.
/// </summary>
public sealed class CrashStepActivity : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await Task.Delay(RandomNumberGenerator.GetInt32(10, 40));
        EffectsLog.Append($"{input}|{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}");
        var separator = input.LastIndexOf('|');
        return $"{input[..separator]}:{input[(separator + 1)..]}";
    }
}
