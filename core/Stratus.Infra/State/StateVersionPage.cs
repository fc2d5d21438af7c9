namespace Stratus.Infra.State;

/// <summary>Versions newest first; <see cref="NextVersion"/> is where the next page starts (<c>null</c>: no more).</summary>
public sealed record StateVersionPage(IReadOnlyList<StateVersion> Items, long? NextVersion);
