namespace Stratus.Api.Triggers;

/// <summary>The code behind a timer function. Resolved from a DI scope per invocation.</summary>
public interface ITimerFunction
{
    Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken);
}
