namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>Which test host (simulated process) a service provider belongs to.</summary>
internal sealed record TimerTestHostName(string Name);
