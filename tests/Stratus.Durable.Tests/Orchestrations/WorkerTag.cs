namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>A host's name, so work done on several hosts can say where it ran.</summary>
internal sealed record WorkerTag(string Name);
