namespace Stratus.Kubernetes.Manifests;

/// <summary>The label and annotation keys Stratus puts on what it creates (Tsuru's names, so tooling that knows Tsuru reads them).</summary>
internal static class ManifestLabels
{
    public const string AppName = "app-name";
    public const string AppProcess = "app-process";
    public const string AppVersion = "app-version";
    public const string IsRoutable = "is-routable";
    public const string AppTeam = "app-team";
    public const string AppPool = "app-pool";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "stratus";

    public const string RestartedAtAnnotation = "stratus.io/restarted-at";
    public const string VersionAnnotation = "stratus.io/version";
}
