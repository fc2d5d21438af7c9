namespace Stratus.Standalone.Triggers.Timers;

/// <summary>Why a timer function fires.</summary>
internal enum TimerFireKind
{
    /// <summary>Its schedule's next occurrence has come.</summary>
    Scheduled,

    /// <summary>Its recorded next occurrence passed while no instance ran it; it fires once, not once per missed period.</summary>
    PastDue,

    /// <summary><c>RunOnStartup</c>: once when this instance starts running the function.</summary>
    Startup,
}
