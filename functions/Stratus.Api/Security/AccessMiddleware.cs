using Stratus.Identity.Authorization;

namespace Stratus.Api.Security;

/// <summary>
/// Enforces each endpoint's <see cref="EndpointAccess"/> before its handler runs. No credentials or bad ones: 401. Not
/// allowed: 403, with the same answer whether or not the named resource exists. Too many failures: 429.
/// </summary>
internal sealed class AccessMiddleware(RequestDelegate next, CallerAuthenticator authenticator, AccessEvaluator evaluator, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var access = endpoint?.Metadata.GetMetadata<EndpointAccess>();
        // Endpoints that are not routes are the router's own refusals (405, 415): they run no handler.
        if (endpoint is not RouteEndpoint || access is PublicAccess)
        {
            await next(context);
            return;
        }

        if (access is null)
        {
            // The startup check makes this unreachable; deny rather than trust that.
            await WriteAsync(context, StatusCodes.Status403Forbidden, "Access not declared", "This endpoint declares no access requirement, so it is closed.");
            return;
        }

        var outcome = await authenticator.AuthenticateAsync(context, context.RequestAborted);
        if (outcome.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed attempts", $"{outcome.Failure} Try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.");
            return;
        }

        if (outcome.Caller is not { } caller)
        {
            context.Response.Headers.WWWAuthenticate = AuthenticationChallenges.All;
            await WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication required",
                outcome.Failure ?? "Send 'Authorization: Bearer <token>' with a Stratus API token or an identity-provider token.");
            return;
        }

        context.SetCaller(caller);
        if (access is RequiredPermission required)
        {
            var scope = required.Resolve(context.Request.RouteValues);
            if (!await evaluator.IsAllowedAsync(caller, required.Permission, scope, context.RequestAborted))
            {
                await WriteAsync(context, StatusCodes.Status403Forbidden, "Permission required",
                    $"This operation needs the '{required.Permission}' permission on '{scope}'. Ask an admin for a role that grants it there (GET /api/v1/whoami shows what you hold).");
                return;
            }
        }

        await next(context);
    }

    private Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
