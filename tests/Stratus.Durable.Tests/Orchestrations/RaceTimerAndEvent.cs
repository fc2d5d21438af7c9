namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Races a timer of the input's milliseconds against the "go" event with <c>Task.WhenAny</c>.</summary>
public sealed class RaceTimerAndEvent : Orchestrator<int, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, int input)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(TimeSpan.FromMilliseconds(input), cancel.Token);
        var go = context.WaitForExternalEvent<string>("go");
        context.SetCustomStatus("waiting");
        var winner = await Task.WhenAny(timer, go);
        if (winner == go)
        {
            // Orchestrators cancel synchronously: CancelAsync would run the timer's callback on the thread pool.
#pragma warning disable CA1849
            cancel.Cancel();
#pragma warning restore CA1849
            return "event:" + await go;
        }

        return "timer";
    }
}
