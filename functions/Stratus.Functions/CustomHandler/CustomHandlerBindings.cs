namespace Stratus.Functions.CustomHandler;

/// <summary>
/// Binding names shared by function.json and the invocation payloads: the host keys <c>Data</c> by the trigger
/// binding's name, so the generator and the endpoints must agree on them.
/// </summary>
internal static class CustomHandlerBindings
{
    public const string HttpRequest = "req";
    public const string HttpResponse = "res";
    public const string Queue = "msg";
    public const string Timer = "timer";
}
