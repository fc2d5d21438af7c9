namespace Stratus.Sandbox;

public enum SandboxStatus
{
    /// <summary>No sandbox has this name: never started, or removed.</summary>
    Missing,

    /// <summary>Created or running: its exit is still to come.</summary>
    Running,

    /// <summary>Ended; its exit code is known.</summary>
    Exited,
}
