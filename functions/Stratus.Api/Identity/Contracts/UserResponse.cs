using Stratus.Identity.Principals;

namespace Stratus.Api.Identity.Contracts;

internal sealed record UserResponse(string Name, string? DisplayName, string? Email, string Source, bool Disabled, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<string> Groups)
{
    public static UserResponse From(User user) =>
        new(user.Name, user.DisplayName, user.Email, user.Source, user.Disabled, user.CreatedAt, user.CreatedBy, user.Groups);
}
