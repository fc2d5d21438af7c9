namespace Stratus.Api.Infra.Templates;

/// <summary>One flow of a valid template, in step order: what a job on it would run.</summary>
internal sealed record TemplateFlowSummary(int Step, string Type, string? Name);
