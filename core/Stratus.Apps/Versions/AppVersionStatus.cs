namespace Stratus.Apps.Versions;

public static class AppVersionStatus
{
    public const string Building = "building";
    public const string Built = "built";
    public const string Deployed = "deployed";
    public const string Failed = "failed";
}
