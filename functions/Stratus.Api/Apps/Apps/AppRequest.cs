namespace Stratus.Api.Apps.Apps;

/// <summary>Tsuru's app create/update body. On update, null leaves a field as it is.</summary>
internal sealed record AppRequest(
    string? Name,
    string? Platform,
    string? Plan,
    string? TeamOwner,
    string? Pool,
    string? Description,
    IReadOnlyList<string>? Tags,
    IReadOnlyDictionary<string, string>? RouterOpts);
