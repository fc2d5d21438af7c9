using Stratus.Api.Triggers;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>One run of the test timer: which test host ran it, and what the loop handed over.</summary>
internal sealed record RecordedInvocation(string Host, TimerInvocation Invocation);
