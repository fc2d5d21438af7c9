namespace Stratus.Apps.Apps;

/// <summary>There is no app with this name (HTTP 404).</summary>
public sealed class AppNotFoundException(string app) : Exception($"There is no app named '{app}'.")
{
    public string App { get; } = app;
}
