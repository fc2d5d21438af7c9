using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Apps;

/// <summary>Tsuru's app create/update body. On update, null leaves a field as it is.</summary>
internal sealed record AppRequest(
    [property: Text(InputLimits.AppName)] string? Name,
    [property: Text(InputLimits.Name)] string? Platform,
    [property: Text(InputLimits.Name)] string? Plan,
    [property: Text(InputLimits.IdentityName)] string? TeamOwner,
    [property: Text(InputLimits.Name)] string? Pool,
    [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description,
    [property: TextList(InputLimits.MaxTags, InputLimits.Tag)] IReadOnlyList<string>? Tags,
    [property: TextMap(InputLimits.MaxRouterOptions, InputLimits.RouterOptionKey, InputLimits.RouterOptionValue)] IReadOnlyDictionary<string, string>? RouterOpts);
