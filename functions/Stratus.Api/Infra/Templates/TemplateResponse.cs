using Stratus.Infra.Templates;

namespace Stratus.Api.Infra.Templates;

internal sealed record TemplateResponse(string Id, string Name, string? Description, string Tcl, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static TemplateResponse From(StoredTemplate t) => new(t.Id, t.Name, t.Description, t.Tcl, t.UpdatedAt, t.UpdatedBy);
}
