namespace Stratus.Functions.Api.Info;

internal sealed record FunctionSummary(string Name, string Trigger);
