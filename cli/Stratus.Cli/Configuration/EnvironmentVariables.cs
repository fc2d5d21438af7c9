namespace Stratus.Cli.Configuration;

/// <summary>The environment variables the CLI reads; they win over the config file.</summary>
internal static class EnvironmentVariables
{
    /// <summary>The folder holding <c>config.json</c> (default <c>~/.stratus</c>).</summary>
    public const string ConfigDir = "STRATUS_CONFIG_DIR";

    /// <summary>The API's base URL.</summary>
    public const string Url = "STRATUS_URL";

    /// <summary>The API token to send.</summary>
    public const string Token = "STRATUS_TOKEN";
}
