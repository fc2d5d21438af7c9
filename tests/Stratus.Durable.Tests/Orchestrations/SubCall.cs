namespace Stratus.Durable.Tests.Orchestrations;

public sealed record SubCall(string Name, object? Input, string? ChildId = null);
