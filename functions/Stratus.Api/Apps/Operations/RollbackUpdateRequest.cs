using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Operations;

/// <summary>Marks a version as unusable for rollback (or usable again), with the reason shown to whoever tries.</summary>
internal sealed record RollbackUpdateRequest(int? Version, bool? Disable, [property: Text(InputLimits.Reason)] string? Reason);
