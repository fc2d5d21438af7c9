namespace Stratus.Cli.Configuration;

/// <summary>What <c>config.json</c> holds: the API's URL and the signed-in token.</summary>
internal sealed record CliConfig(string? Url, string? Token)
{
    public static CliConfig Empty { get; } = new(null, null);
}
