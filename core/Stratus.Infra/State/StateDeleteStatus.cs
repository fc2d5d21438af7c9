namespace Stratus.Infra.State;

public enum StateDeleteStatus
{
    Deleted,

    /// <summary>There was no current state (and, for a purge, nothing stored at all).</summary>
    NoState,

    /// <summary>Someone else holds the lock; <see cref="StateDeleteResult.Lock"/> is the holder.</summary>
    Locked,
}
