namespace Stratus.Api.Tests.Infra.Vcs;

/// <summary>The checked-in webhook payloads, taken from GitHub's and GitLab's webhook documentation examples.</summary>
internal static class VcsPayloads
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infra", "Vcs", "Payloads", name + ".json"));
}
