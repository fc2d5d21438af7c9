namespace Stratus.Api.Triggers;

/// <summary>An HTTP function: a route template (relative to host.json's empty routePrefix), its methods and auth level.</summary>
public sealed record HttpFunctionTrigger(string Route, IReadOnlyList<string> Methods, string AuthLevel = "anonymous") : FunctionTrigger;
