using Stratus.Apps.Pools;
using Stratus.Kubernetes.Routing;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// A <c>tsuru-api</c> pool's router options: <c>api-url</c> as Tsuru names it (the API's root, <c>/api</c> included,
/// used as given), <c>mode</c>, <c>instance</c>, <c>token</c>, and <c>header.&lt;Name&gt;</c> for Tsuru's extra
/// <c>headers</c>. Pools made before <c>api-url</c> name the router's base as <c>url</c>; <c>/api</c> is added to it.
/// </summary>
public static class TsuruRouterSettings
{
    public const string ApiUrl = "api-url";
    public const string LegacyUrl = "url";
    public const string HeaderPrefix = "header.";

    public static TsuruRouterOptions From(Pool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var options = pool.RouterOptions;
        Uri? apiUrl = null;
        if (options.GetValueOrDefault(ApiUrl) is { Length: > 0 } given)
        {
            apiUrl = Absolute(given) ?? throw Invalid(pool, $"'{ApiUrl}' is not an absolute URL: '{given}'");
        }
        else if (options.GetValueOrDefault(LegacyUrl) is { Length: > 0 } legacy)
        {
            apiUrl = Absolute(legacy.TrimEnd('/') + "/api") ?? throw Invalid(pool, $"'{LegacyUrl}' is not an absolute URL: '{legacy}'");
        }

        return new TsuruRouterOptions
        {
            ApiUrl = apiUrl ?? throw Invalid(pool, $"its router options have no '{ApiUrl}' (the router API's root, e.g. http://router:8077/api)"),
            Mode = options.GetValueOrDefault("mode"),
            Instance = options.GetValueOrDefault("instance"),
            Token = options.GetValueOrDefault("token"),
            Headers = options.Where(o => o.Key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) && o.Key.Length > HeaderPrefix.Length)
                .ToDictionary(o => o.Key[HeaderPrefix.Length..], o => o.Value, StringComparer.OrdinalIgnoreCase),
        };
    }

    private static Uri? Absolute(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private static InvalidOperationException Invalid(Pool pool, string problem) =>
        new($"Pool '{pool.Name}' uses the tsuru-api router but {problem}.");
}
