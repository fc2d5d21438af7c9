using Stratus.Infra.Variables;

namespace Stratus.Api.Infra.Variables;

/// <summary>A variable. For a sensitive one <see cref="Value"/> is always <c>null</c>; <see cref="HasValue"/> says whether it is set.</summary>
internal sealed record VariableResponse(
    string Id,
    string Key,
    string? Value,
    bool HasValue,
    string? Description,
    VariableCategory Category,
    bool Sensitive,
    bool Hcl,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string Version)
{
    public static VariableResponse From(Variable variable) => new(
        variable.Id,
        variable.Key,
        variable.Sensitive ? null : variable.Value,
        variable.HasValue,
        variable.Description,
        variable.Category,
        variable.Sensitive,
        variable.Hcl,
        variable.CreatedAt,
        variable.CreatedBy,
        variable.UpdatedAt,
        variable.UpdatedBy,
        variable.Version);
}
