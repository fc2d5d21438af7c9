namespace Stratus.Cli.Api;

/// <summary>Builds relative API paths with every segment escaped, so a name can never reach another route.</summary>
internal static class ApiPath
{
    public const string Prefix = "api/v1/";

    /// <summary><c>api/v1/users/alice%40example.com/tokens</c> from <c>("users", "alice@example.com", "tokens")</c>.</summary>
    public static string Of(params string[] segments) => Prefix + string.Join('/', segments.Select(Uri.EscapeDataString));

    /// <summary>Appends query parameters, skipping null values.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value!)}").ToList();
        return parts.Count == 0 ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', parts);
    }
}
