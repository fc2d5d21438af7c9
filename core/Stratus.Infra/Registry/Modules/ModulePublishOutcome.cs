namespace Stratus.Infra.Registry.Modules;

/// <summary>How a publish ended; anything but <see cref="Published"/> wrote nothing.</summary>
public enum ModulePublishOutcome
{
    /// <summary>The versions were stored (possibly none, when every tag was published before).</summary>
    Published,

    /// <summary>The input is at fault (a tag that is not a version, a bad archive, an unreadable repository); the detail says what to fix.</summary>
    Invalid,

    /// <summary>A version asked for is published already; versions are immutable.</summary>
    Conflict,
}
