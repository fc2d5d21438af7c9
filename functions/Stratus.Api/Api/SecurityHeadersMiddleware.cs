namespace Stratus.Api.Api;

/// <summary>
/// Headers that tell a browser how to treat what the platform answers:
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c> and framing refused
/// (<c>X-Frame-Options: DENY</c>, CSP <c>frame-ancestors 'none'</c>) on every response;</item>
/// <item>a CSP of <c>default-src 'none'</c> for the API, whose JSON is never a page, and one that lets Swagger UI run
/// its own files (no inline script, no other origin) under <c>/docs</c>;</item>
/// <item><c>Cache-Control: no-store</c> on everything but the docs and the OpenAPI document, unless an endpoint set its
/// own: token, login and bootstrap answers carry secrets, and no API answer is worth a stale copy in a cache.</item>
/// </list>
/// Responses the local router forwards from an app's units (<see cref="SkipFor"/>) are the app's, and left alone.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    // Swagger UI sets style attributes from script and draws its icons from data: URIs; everything else is its own files.
    public const string DocsPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private const string SkipKey = "Stratus.SecurityHeaders.Skip";
    private const string PolicyKey = "Stratus.SecurityHeaders.Policy";

    /// <summary>Leaves this response's headers to whoever produces it (an app behind the local router).</summary>
    public static void SkipFor(HttpContext context) => context.Items[SkipKey] = true;

    /// <summary>Gives this response a page's own CSP (a sign-in form), instead of the API's.</summary>
    public static void UsePolicy(HttpContext context, string policy) => context.Items[PolicyKey] = policy;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            if (context.Items.ContainsKey(SkipKey))
            {
                return Task.CompletedTask;
            }

            var headers = context.Response.Headers;
            var path = context.Request.Path;
            var docs = path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = context.Items[PolicyKey] as string ?? (docs ? DocsPolicy : ApiPolicy);
            if (!docs && !path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase) && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
