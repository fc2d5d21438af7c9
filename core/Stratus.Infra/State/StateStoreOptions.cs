namespace Stratus.Infra.State;

/// <summary>Limits of the state store.</summary>
public sealed record StateStoreOptions
{
    public const long DefaultMaxStateBytes = 64L * 1024 * 1024;

    /// <summary>The largest state file accepted; larger ones are refused before anything is written.</summary>
    public long MaxStateBytes { get; init; } = DefaultMaxStateBytes;
}
