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
            await cancel.CancelAsync();
            return "event:" + await go;
        }

        return "timer";
    }
}
