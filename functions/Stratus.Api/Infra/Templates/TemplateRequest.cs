namespace Stratus.Api.Infra.Templates;

/// <summary>A template: a display name, a description and its TCL (YAML). Its id is the name's slug unless given.</summary>
internal sealed record TemplateRequest(string? Id, string? Name, string? Description, string? Tcl);
