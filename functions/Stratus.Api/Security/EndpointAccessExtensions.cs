using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Security;

/// <summary>
/// How an endpoint declares who may call it. The declaration also documents the answers the access check gives (401
/// without a caller, 403 without the permission), so no endpoint lists them by hand.
/// </summary>
internal static class EndpointAccessExtensions
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Requires a permission on the global scope.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder => builder.RequirePermission(permission, ScopeKind.Global);

    /// <summary>Requires a permission on the resource the route names, e.g. <c>(AppDeploy, ScopeKind.App, "app")</c>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission, ScopeKind scope, params string[] routeValues)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredPermission(permission, scope, routeValues), Problem(StatusCodes.Status401Unauthorized), Problem(StatusCodes.Status403Forbidden));

    public static TBuilder RequireAuthenticatedCaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AuthenticatedAccess(), Problem(StatusCodes.Status401Unauthorized));

    public static TBuilder AllowPublicAccess<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new PublicAccess(reason));

    /// <summary>
    /// No Stratus credentials: the handler checks a signature of the request instead (a webhook's HMAC), and answers
    /// 401 when it does not verify.
    /// </summary>
    public static TBuilder AllowSignedAccess<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new PublicAccess(reason, VerifiesSignature: true), Problem(StatusCodes.Status401Unauthorized));

    /// <summary>Documents HTTP Basic (a token as the password) as a way to call the endpoint, for clients that send nothing else.</summary>
    public static TBuilder AcceptBasicCredentials<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new BasicCredentialsAccepted(reason));

    private static ProducesResponseTypeMetadata Problem(int statusCode) => new(statusCode, typeof(ProblemDetails), ProblemJson);
}
