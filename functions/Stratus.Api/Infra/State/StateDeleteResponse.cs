namespace Stratus.Api.Infra.State;

/// <summary>The version that was current when the state was deleted, and whether its history went too.</summary>
internal sealed record StateDeleteResponse(long? Version, bool Purged);
