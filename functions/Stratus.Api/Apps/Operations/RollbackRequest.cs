using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Operations;

/// <summary>Tsuru's rollback: a version number or an image reference of an earlier successful version.</summary>
internal sealed record RollbackRequest(int? Version, [property: Text(InputLimits.ImageReference)] string? Image, [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Message);
