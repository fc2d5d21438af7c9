namespace Stratus.Apps.Deploys;

/// <summary>Where a deploy's version came from (Tsuru's <c>origin</c>).</summary>
public static class DeployOrigins
{
    /// <summary>An uploaded source archive.</summary>
    public const string AppDeploy = "app-deploy";

    public const string Image = "image";

    public const string Dockerfile = "dockerfile";

    public const string ArchiveUrl = "archive-url";

    public const string Rollback = "rollback";

    public static IReadOnlyList<string> All { get; } = [AppDeploy, Image, Dockerfile, ArchiveUrl, Rollback];
}
