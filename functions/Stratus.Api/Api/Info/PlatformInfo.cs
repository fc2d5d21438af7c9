namespace Stratus.Api.Api.Info;

internal sealed record PlatformInfo(string Version, string Mode, string Storage, IReadOnlyList<FunctionSummary> Functions);
