namespace Stratus.Api.Apps.Routing;

/// <summary>Where one host name of an app goes: the ready units' <c>host:port</c>.</summary>
internal sealed record LocalRoute(string App, string Prefix, IReadOnlyList<string> Addresses);
