namespace Stratus.Sandbox.ContainerApps.Tests.Fakes;

/// <summary>One request the fake received, as sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string? ApiVersion, string Body, string? Authorization);
