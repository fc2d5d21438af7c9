namespace Stratus.Apps.Events;

public enum AppEventCancelOutcome
{
    /// <summary>The cancel is recorded (or was already); the operation will see it.</summary>
    Asked,
    NotFound,

    /// <summary>The operation is past the point where it can stop (e.g. a deploy after its build).</summary>
    NotCancelable,

    /// <summary>The event has ended.</summary>
    Finished,
}
