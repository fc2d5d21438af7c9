using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Stratus.Api.Api;
using Stratus.Api.Identity;
using Stratus.Api.Security;
using Stratus.Identity;
using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Identity.Tokens;

namespace Stratus.Api.Terraform;

/// <summary>
/// Terraform's login.v1 protocol: <c>terraform login</c> opens <c>authorize</c> in a browser, the user signs in with
/// Stratus's own password sign-in (throttled like <c>/auth/login</c>), the browser is sent back to terraform's loopback
/// listener with a one-time code, and terraform trades the code and its PKCE verifier at <c>token</c> for a personal API
/// token, which it stores and sends as <c>TF_TOKEN_&lt;host&gt;</c> would.
/// </summary>
internal static class TerraformLoginApi
{
    public static IEndpointRouteBuilder MapTerraformLoginApi(this IEndpointRouteBuilder endpoints)
    {
        var oauth = endpoints.MapGroup(TerraformServicePaths.OAuth)
            .WithTags(TerraformTags.Login)
            .AllowPublicAccess("terraform login signs in here, before it has credentials");

        oauth.MapGet("/authorize", Authorize)
            .WithName("TerraformLoginAuthorize")
            .WithSummary("The sign-in page terraform login opens (OAuth 2.0 authorization code request with PKCE S256).")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        oauth.MapPost("/authorize", SignIn)
            .WithName("TerraformLoginSignIn")
            .WithSummary("Checks the sign-in form's password and sends the browser back to terraform with a one-time code.")
            .Accepts<IFormCollection>("application/x-www-form-urlencoded")
            .Produces(StatusCodes.Status302Found)
            .Produces<string>(StatusCodes.Status401Unauthorized, "text/html")
            .Produces<string>(StatusCodes.Status429TooManyRequests, "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        oauth.MapPost("/token", Token)
            .WithName("TerraformLoginToken")
            .WithSummary("Trades a one-time code and its PKCE verifier for a personal API token (OAuth 2.0 token endpoint).")
            .Accepts<IFormCollection>("application/x-www-form-urlencoded")
            .Produces<LoginTokenResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        return endpoints;
    }

    internal static Results<ContentHttpResult, ProblemHttpResult> Authorize(HttpContext context)
    {
        var (request, problem) = TerraformAuthorizationRequest.Read(name => context.Request.Query[name] is { Count: 1 } v ? v[0] : null);
        if (request is null)
        {
            return ApiProblems.Invalid(problem!);
        }

        SecurityHeadersMiddleware.UsePolicy(context, LoginPage.Policy);
        return TypedResults.Content(LoginPage.Render(request, null, null), "text/html; charset=utf-8");
    }

    internal static async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> SignIn(
        HttpContext context,
        PasswordSignIn signIn,
        AuthorizationCodeStore codes,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem("Post the sign-in form as application/x-www-form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (request, problem) = TerraformAuthorizationRequest.Read(name => form[name] is { Count: 1 } v ? v[0] : null);
        if (request is null)
        {
            return ApiProblems.Invalid(problem!);
        }

        SecurityHeadersMiddleware.UsePolicy(context, LoginPage.Policy);
        var name = (form["name"] is { Count: 1 } n ? n[0] : null)?.Trim().ToLowerInvariant();
        var password = form["password"] is { Count: 1 } p ? p[0] : null;
        if (IdentityNames.Problem(name, "user name") is { } invalid)
        {
            return Page(request, name, invalid, StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrEmpty(password))
        {
            return Page(request, name, "The password is required.", StatusCodes.Status400BadRequest);
        }

        var check = await signIn.CheckAsync(context, name!, password, "terraform-login", cancellationToken);
        if (check.LockedFor is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page(request, name, $"Too many failed sign-in attempts. Try again in {seconds} seconds.", StatusCodes.Status429TooManyRequests);
        }

        if (!check.Succeeded)
        {
            return Page(request, name, "The user name or password is wrong, or the user is disabled.", StatusCodes.Status401Unauthorized);
        }

        var code = await codes.IssueAsync(new AuthorizationGrant(name!, request.ClientId, request.RedirectUri, request.CodeChallenge), cancellationToken);
        return TypedResults.Redirect(request.RedirectWith(code));
    }

    internal static async Task<Results<Ok<LoginTokenResponse>, ProblemHttpResult>> Token(
        HttpContext context,
        AuthorizationCodeStore codes,
        UserStore users,
        TokenStore tokens,
        IdentityAudit audit,
        IOptions<IdentityOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem("Post the token request as application/x-www-form-urlencoded (RFC 6749 §4.1.3).", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        string? Value(string name) => form[name] is { Count: 1 } v ? v[0] : null;
        if (Value("grant_type") != "authorization_code")
        {
            return OAuthError("unsupported_grant_type", "grant_type must be 'authorization_code'.");
        }

        if (Value("client_id") != TerraformServicePaths.LoginClientId)
        {
            return OAuthError("invalid_client", $"client_id must be '{TerraformServicePaths.LoginClientId}'.");
        }

        var code = Value("code");
        var verifier = Value("code_verifier");
        if (string.IsNullOrEmpty(code) || code.Length > 256 || string.IsNullOrEmpty(verifier) || verifier.Length is < 43 or > 128)
        {
            return OAuthError("invalid_request", "code and code_verifier (43 to 128 characters) are required.");
        }

        // The code is spent by this read whatever follows, so a code that leaked with a wrong verifier is dead too.
        var grant = await codes.RedeemAsync(code, cancellationToken);
        if (grant is null || grant.ClientId != Value("client_id") || grant.RedirectUri != Value("redirect_uri")
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(AuthorizationCodeStore.S256(verifier)), System.Text.Encoding.ASCII.GetBytes(grant.CodeChallenge)))
        {
            return OAuthError("invalid_grant", "The code is unknown, expired or already used, or the redirect_uri or code_verifier does not match the sign-in's. Run terraform login again.");
        }

        // The user may have been disabled between the sign-in and now.
        if (await users.GetAsync(grant.UserName, cancellationToken) is not { Disabled: false })
        {
            return OAuthError("invalid_grant", "The user who signed in is disabled or gone.");
        }

        var expires = time.GetUtcNow().AddDays(options.Value.DefaultTokenLifetimeDays);
        var issued = await tokens.IssueAsync(TokenKind.Personal, PrincipalRef.User(grant.UserName), "terraform login", expires, grant.UserName, cancellationToken);
        await audit.RecordAsync(context, IdentityAudit.TokenCreated, $"user:{grant.UserName}", $"user:{grant.UserName}", "succeeded", new() { ["token"] = issued.Token.Id, ["method"] = "terraform-login" }, cancellationToken);
        return TypedResults.Ok(new LoginTokenResponse(issued.Secret, "bearer", (long)(expires - time.GetUtcNow()).TotalSeconds));
    }

    private static ContentHttpResult Page(TerraformAuthorizationRequest request, string? name, string error, int status) =>
        TypedResults.Content(LoginPage.Render(request, name, error), "text/html; charset=utf-8", statusCode: status);

    // RFC 6749 §5.2 names the error in "error"; the body is still a ProblemDetails like every other refusal.
    private static ProblemHttpResult OAuthError(string error, string description) =>
        TypedResults.Problem(description, statusCode: StatusCodes.Status400BadRequest, title: "Token request refused", extensions: new Dictionary<string, object?>
        {
            ["error"] = error,
            ["error_description"] = description,
        });
}
