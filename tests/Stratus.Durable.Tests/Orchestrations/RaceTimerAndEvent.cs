using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Races a timer of the input's milliseconds against the "go" event with <c>Task.WhenAny</c>.</summary>
internal sealed class RaceTimerAndEvent : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(TimeSpan.FromMilliseconds(input), cancel.Token);
        var go = context.WaitForExternalEvent<string>("go");
        context.SetCustomStatus("waiting");
        var winner = await Task.WhenAny(timer, go);
        if (winner == go)
        {
            // Orchestrator code stays on its own thread: CancelAsync would run the timer's continuation elsewhere.
#pragma warning disable CA1849
            cancel.Cancel();
#pragma warning restore CA1849
            return "event:" + await go;
        }

        return "timer";
    }
}
