namespace Stratus.Functions.Security;

/// <summary>The permission names endpoints declare. The identity issue maps roles and tokens onto them.</summary>
internal static class Permissions
{
    public const string PlatformRead = "platform.read";
    public const string EventsRead = "events.read";
    public const string OrchestrationsRead = "orchestrations.read";
    public const string OrchestrationsManage = "orchestrations.manage";
}
