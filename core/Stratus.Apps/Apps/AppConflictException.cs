namespace Stratus.Apps.Apps;

/// <summary>An app with this name exists already (HTTP 409).</summary>
public sealed class AppConflictException(string app) : Exception($"An app named '{app}' exists already; choose another name.")
{
    public string App { get; } = app;
}
