namespace Stratus.Functions.Functions;

/// <summary>An HTTP function. With <c>enableProxyingHttpRequest</c> the host forwards requests as themselves.</summary>
public sealed record HttpFunctionTrigger(string Route, IReadOnlyList<string> Methods, string AuthLevel = "anonymous") : FunctionTrigger;
