namespace Stratus.Api.Triggers;

/// <summary>
/// The HTTP functions: one per path prefix the platform serves, each routed to the whole shared pipeline. Constants,
/// because the Azure app's <c>[HttpTrigger]</c> attributes name them.
/// </summary>
internal static class HttpFunctionRoutes
{
    public const string Api = "api";
    public const string Health = "health";
    public const string OpenApi = "openapi";
    public const string Docs = "docs";

    // A function's name can't start with a dot; its route can.
    public const string WellKnown = "wellKnown";

    public const string ApiRoute = Api + "/{*path}";
    public const string HealthRoute = Health + "/{*path}";
    public const string OpenApiRoute = OpenApi + "/{*path}";
    public const string DocsRoute = Docs + "/{*path}";
    public const string WellKnownRoute = ".well-known/{*path}";

    public static readonly IReadOnlyList<string> Methods = ["get", "post", "put", "patch", "delete", "head", "options"];

    public static readonly IReadOnlyList<(string Name, string Route)> All =
        [(Api, ApiRoute), (Health, HealthRoute), (OpenApi, OpenApiRoute), (Docs, DocsRoute), (WellKnown, WellKnownRoute)];

    /// <summary>The first path segment a function's route takes (<c>.well-known</c> for <see cref="WellKnown"/>).</summary>
    public static string Prefix(string route) => route.Split('/')[0];
}
