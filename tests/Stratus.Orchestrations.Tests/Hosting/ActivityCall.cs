namespace Stratus.Orchestrations.Tests.Hosting;

/// <summary>One call of a fake activity: the activity's name, the orchestration instance that scheduled it, its input.</summary>
internal sealed record ActivityCall(string Name, string InstanceId, object? Input);
