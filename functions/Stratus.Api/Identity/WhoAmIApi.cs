using Stratus.Api.Identity.Contracts;
using Stratus.Api.Security;
using Stratus.Identity.Stores;

namespace Stratus.Api.Identity;

internal static class WhoAmIApi
{
    public static RouteGroupBuilder MapWhoAmIApi(this RouteGroupBuilder api)
    {
        api.MapGet("/whoami", WhoAmI)
            .WithName("WhoAmI")
            .WithSummary("The caller: principal, sign-in method, token, teams and the grants that apply.")
            .WithTags("Identity")
            .RequireAuthenticatedCaller();
        return api;
    }

    internal static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<WhoAmIResponse>> WhoAmI(HttpContext context, GrantStore grants, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var held = new List<GrantResponse>();
        foreach (var principal in caller.Principals)
        {
            held.AddRange((await grants.ForPrincipalAsync(principal, cancellationToken)).Select(GrantResponse.From));
        }

        return TypedResults.Ok(new WhoAmIResponse(
            caller.Subject.ToString(),
            caller.Method,
            caller.Token is null ? null : TokenResponse.From(caller.Token),
            caller.Teams,
            held));
    }
}
