namespace Stratus.Cli.Commands.Infra;

/// <summary>A template with its TCL (YAML).</summary>
internal sealed record TemplateInfo(string Id, string Name, string? Description, string Tcl, DateTimeOffset UpdatedAt, string UpdatedBy);
