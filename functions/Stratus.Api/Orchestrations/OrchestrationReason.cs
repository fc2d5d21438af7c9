using Stratus.Api.Api.Validation;

namespace Stratus.Api.Orchestrations;

/// <summary>The optional body of terminate, suspend and resume: why, recorded in the instance's history.</summary>
internal sealed record OrchestrationReason([property: Text(InputLimits.Reason)] string? Reason);
