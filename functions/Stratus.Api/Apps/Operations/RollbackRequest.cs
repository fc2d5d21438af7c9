namespace Stratus.Api.Apps.Operations;

/// <summary>Tsuru's rollback: a version number or an image reference of an earlier successful version.</summary>
internal sealed record RollbackRequest(int? Version, string? Image, string? Message);
