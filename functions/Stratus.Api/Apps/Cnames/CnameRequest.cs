namespace Stratus.Api.Apps.Cnames;

/// <summary>Tsuru's <c>cname add</c>: host names the app answers to besides its own.</summary>
internal sealed record CnameRequest(IReadOnlyList<string?>? Cname);
