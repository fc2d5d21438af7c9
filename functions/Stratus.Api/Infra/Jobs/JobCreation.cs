using Stratus.Infra.Jobs;

namespace Stratus.Api.Infra.Jobs;

/// <summary>
/// What creating a job came to: the job (null with <see cref="Duplicate"/> when its once-key was used already), or
/// a problem: <see cref="NotFound"/> for a missing workspace or template, otherwise an invalid request.
/// </summary>
internal sealed record JobCreation(Job? Job, string? Problem, bool NotFound, bool Duplicate, bool TemplateChangesInfrastructure);
