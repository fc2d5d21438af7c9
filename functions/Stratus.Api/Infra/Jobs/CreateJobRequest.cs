using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Jobs;

/// <summary>A job from a template (its id; the workspace's default template when left out).</summary>
internal sealed record CreateJobRequest([property: Text(InputLimits.InfraName)] string? Template, [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Comments);
