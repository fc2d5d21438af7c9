namespace Stratus.Orchestrations.Apps;

/// <summary>The event kinds an app operation runs as (Tsuru's names). Only a deploy builds; the rest roll out an existing version.</summary>
public static class AppOperationKinds
{
    public const string Deploy = "app.deploy";
    public const string Rollback = "app.rollback";
    public const string Restart = "app.restart";
    public const string Start = "app.start";
    public const string Stop = "app.stop";
    public const string Units = "app.update.unit";
    public const string EnvSet = "app.update.env.set";
    public const string EnvUnset = "app.update.env.unset";
    public const string Cname = "app.update.cname";
    public const string Certificate = "app.update.certificate";
    public const string Remove = "app.remove";

    public static bool Builds(string kind) => kind == Deploy;
}
