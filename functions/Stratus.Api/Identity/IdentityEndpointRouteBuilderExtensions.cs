namespace Stratus.Api.Identity;

internal static class IdentityEndpointRouteBuilderExtensions
{
    /// <summary>whoami, sign-in, users, teams (members, tokens), personal tokens, roles, permissions and grants.</summary>
    public static RouteGroupBuilder MapIdentityApi(this RouteGroupBuilder api) => api
        .MapWhoAmIApi()
        .MapAuthApi()
        .MapUsersApi()
        .MapTeamsApi()
        .MapTokensApi()
        .MapRolesApi()
        .MapGrantsApi();
}
