namespace Stratus.Apps.Events;

/// <summary>Event kinds, named as Tsuru names its permissions.</summary>
internal static class EventKinds
{
    public const string AppCreate = "app.create";
    public const string AppDeploy = "app.deploy";
    public const string AppRollback = "app.rollback";
    public const string AppUpdate = "app.update";
    public const string AppUpdateEnvSet = "app.update.env.set";
    public const string AppUpdateEnvUnset = "app.update.env.unset";
    public const string AppUpdateUnitAdd = "app.update.unit.add";
    public const string AppUpdateUnitRemove = "app.update.unit.remove";
    public const string AppRestart = "app.restart";
    public const string AppStart = "app.start";
    public const string AppStop = "app.stop";
    public const string AppRemove = "app.remove";
    public const string AppCNameAdd = "app.cname.add";
    public const string AppCNameRemove = "app.cname.remove";
}
