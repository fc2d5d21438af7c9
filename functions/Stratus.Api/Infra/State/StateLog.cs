namespace Stratus.Api.Infra.State;

/// <summary>State log messages (event ids 6100–6199). State content never appears here: it holds secrets.</summary>
internal static partial class StateLog
{
    public const string Category = "Stratus.Api.Infra.State";

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "State of {Organization}/{Workspace} saved as version {Version} (serial {Serial}, {Size} bytes) by {Caller}")]
    public static partial void Saved(ILogger logger, string organization, string workspace, long version, long serial, long size, string caller);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "State of {Organization}/{Workspace} locked by {Caller} (lock {LockId}, {Operation} by {Who})")]
    public static partial void Locked(ILogger logger, string organization, string workspace, string caller, string lockId, string? operation, string? who);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "State of {Organization}/{Workspace}: {Action} by {Caller} refused, lock {HolderId} is held by {Holder} since {LockedAt:u}")]
    public static partial void LockRefused(ILogger logger, string organization, string workspace, string action, string caller, string holderId, string holder, DateTimeOffset lockedAt);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "State of {Organization}/{Workspace} unlocked by {Caller} (lock {LockId})")]
    public static partial void Unlocked(ILogger logger, string organization, string workspace, string caller, string lockId);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "State lock {LockId} of {Organization}/{Workspace}, held by {Holder} since {LockedAt:u}, force-unlocked by {Caller}")]
    public static partial void ForceUnlocked(ILogger logger, string organization, string workspace, string lockId, string holder, DateTimeOffset lockedAt, string caller);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "State of {Organization}/{Workspace} rolled back to version {From} as version {Version} (serial {Serial}) by {Caller}")]
    public static partial void RolledBack(ILogger logger, string organization, string workspace, long from, long version, long serial, string caller);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "State of {Organization}/{Workspace} deleted by {Caller} (last version {Version}, history purged: {Purged})")]
    public static partial void Deleted(ILogger logger, string organization, string workspace, string caller, long? version, bool purged);

    [LoggerMessage(EventId = 6108, Level = LogLevel.Warning, Message = "State of {Organization}/{Workspace} force-written as version {Version} (serial {Serial}, lineage {Lineage}) by {Caller}: lineage and serial were not checked")]
    public static partial void ForceWritten(ILogger logger, string organization, string workspace, long version, long serial, string lineage, string caller);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Information, Message = "State write to {Organization}/{Workspace} by {Caller} refused: {Reason}")]
    public static partial void WriteRefused(ILogger logger, string organization, string workspace, string caller, string reason);
}
