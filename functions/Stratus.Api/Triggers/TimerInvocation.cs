namespace Stratus.Api.Triggers;

/// <summary>What a timer invocation knows, as the Functions timer trigger's <c>TimerInfo</c>.</summary>
public sealed record TimerInvocation(string FunctionName, TimerScheduleStatus? ScheduleStatus, bool IsPastDue);
