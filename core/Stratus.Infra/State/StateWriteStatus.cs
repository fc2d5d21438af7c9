namespace Stratus.Infra.State;

public enum StateWriteStatus
{
    /// <summary>A new version was stored and is now current.</summary>
    Created,

    /// <summary>The content equals the current version's (e.g. a retried upload); nothing new was stored.</summary>
    Unchanged,

    /// <summary>The content is not a terraform state, or its MD5 does not match.</summary>
    Invalid,

    /// <summary>The content is larger than <see cref="StateStoreOptions.MaxStateBytes"/>.</summary>
    TooLarge,

    /// <summary>Someone else holds the lock (or the request named another lock id); <see cref="StateWriteResult.Lock"/> is the holder.</summary>
    Locked,

    /// <summary>The request names a lock id, but the state is not locked: the lock was released or force-unlocked meanwhile.</summary>
    LockNotHeld,

    /// <summary>
    /// The state would not follow the current one: another lineage, a lower serial, or the same serial with other
    /// content. <see cref="StateWriteResult.Version"/> is the current version, <see cref="StateWriteResult.Problem"/> says why.
    /// </summary>
    Conflict,

    /// <summary>A rollback named a version that does not exist.</summary>
    VersionNotFound,
}
