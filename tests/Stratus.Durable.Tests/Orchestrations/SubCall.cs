namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Which orchestrator <see cref="CallSubOrchestrator"/> runs as its child, with what input, under which id.</summary>
internal sealed record SubCall(string Name, object? Input, string? ChildId = null);
