namespace Stratus.Infra.Variables;

/// <summary>
/// A variable as the store hands it out. A sensitive variable's value never leaves the store this way:
/// <see cref="Value"/> is <c>null</c> and <see cref="HasValue"/> says whether one is set. <see cref="Version"/> is the
/// row's ETag, for optimistic concurrency (<c>If-Match</c>).
/// </summary>
public sealed record Variable(
    string Id,
    VariableOwner Owner,
    string Key,
    VariableCategory Category,
    string? Value,
    bool HasValue,
    string? Description,
    bool Sensitive,
    bool Hcl,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string Version);
