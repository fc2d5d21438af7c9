namespace Stratus.Api.Triggers;

/// <summary>A timer function: an NCrontab schedule with six fields (seconds first), as the Functions timer trigger takes.</summary>
public sealed record TimerFunctionTrigger(string Schedule, bool RunOnStartup = false, bool UseMonitor = true) : FunctionTrigger;
