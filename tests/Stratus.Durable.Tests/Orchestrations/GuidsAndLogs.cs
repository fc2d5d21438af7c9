using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>
/// Makes a GUID, logs "before" and "after" with the replay-safe logger around an activity call, and returns the
/// first GUID and a second one. Each run notes its first GUID, so a test can compare the replays with the original.
/// </summary>
internal sealed partial class GuidsAndLogs(GuidRecorder recorder) : TaskOrchestrator<object?, Guid[]>
{
    public override async Task<Guid[]> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var log = context.CreateReplaySafeLogger<GuidsAndLogs>();
        var first = context.NewGuid();
        recorder.Record(context.IsReplaying, first);
        LogStep(log, "before");
        await context.CallActivityAsync<string>(nameof(SayHello), "x");
        LogStep(log, "after");
        return [first, context.NewGuid()];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GuidsAndLogs {Step}")]
    private static partial void LogStep(ILogger logger, string step);
}
