namespace Stratus.Api.Infra.State;

/// <summary>Versions newest first; send <see cref="Continuation"/> back as <c>?continuation=</c> for the next page.</summary>
internal sealed record StateVersionListResponse(IReadOnlyList<StateVersionResponse> Items, string? Continuation);
