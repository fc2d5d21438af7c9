using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Templates;

/// <summary>A template: a display name, a description and its TCL (YAML). Its id is the name's slug unless given.</summary>
internal sealed record TemplateRequest(
    [property: Text(InputLimits.InfraName)] string? Id,
    [property: Text(InputLimits.DisplayName)] string? Name,
    [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description,
    [property: Text(TemplatesApi.MaxTclChars, Kind = TextKind.MultiLine)] string? Tcl);
