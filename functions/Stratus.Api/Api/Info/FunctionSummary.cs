namespace Stratus.Api.Api.Info;

internal sealed record FunctionSummary(string Name, string Trigger);
