namespace Stratus.Api.Apps.Operations;

/// <summary>Body of start, stop and restart; all of them act on the whole app (Tsuru's per-process form is not supported yet).</summary>
internal sealed record ProcessRequest(string? Process);
