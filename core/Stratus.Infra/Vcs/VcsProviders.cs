namespace Stratus.Infra.Vcs;

/// <summary>The VCS providers a connection may be to, spelled as the API spells them.</summary>
public static class VcsProviders
{
    public const string GitHub = "github";
    public const string GitLab = "gitlab";

    public static bool IsKnown(string provider) => provider is GitHub or GitLab;

    /// <summary>The public API base URL of a provider, used when a connection names none.</summary>
    public static string DefaultApiUrl(string provider) => provider == GitHub ? "https://api.github.com" : "https://gitlab.com/api/v4";
}
