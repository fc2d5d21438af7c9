namespace Stratus.Cli.Configuration;

/// <summary>Where the CLI talks to and with what token, after the environment has had its say over the config file.</summary>
internal sealed record ConnectionSettings(Uri Url, string? Token)
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>URL: <paramref name="url"/>, then <c>STRATUS_URL</c>, then the file, then the local default. Token: <c>STRATUS_TOKEN</c>, then the file.</summary>
    public static ConnectionSettings Resolve(CliConfig config, Func<string, string?> variables, string? url = null) =>
        new(ParseUrl(FirstOf(url, variables(EnvironmentVariables.Url), config.Url) ?? DefaultUrl), FirstOf(variables(EnvironmentVariables.Token), config.Token));

    public static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"'{url}' is not an http(s) URL.", $"Pass the API's base URL, such as {DefaultUrl}.");
        }

        // A trailing slash, so relative API paths keep any base path (https://host/stratus/ + api/v1/…).
        return parsed.AbsolutePath.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
    }

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
