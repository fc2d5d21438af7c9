using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Templates;

/// <summary>A template's TCL (YAML) to check without saving it.</summary>
internal sealed record TemplateValidationRequest([property: Text(TemplatesApi.MaxTclChars, Kind = TextKind.MultiLine)] string? Tcl);
