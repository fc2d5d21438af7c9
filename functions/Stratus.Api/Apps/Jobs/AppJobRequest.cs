using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Jobs;

/// <summary>Tsuru's job create/update body. On update, null leaves a field as it is; a schedule makes the job scheduled, <c>manual: true</c> makes it manual.</summary>
internal sealed record AppJobRequest(
    [property: Text(InputLimits.AppName)] string? Name,
    [property: Text(InputLimits.IdentityName)] string? TeamOwner,
    [property: Text(InputLimits.Name)] string? Pool,
    [property: Text(InputLimits.Name)] string? Plan,
    [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description,
    [property: TextList(InputLimits.MaxTags, InputLimits.Tag)] IReadOnlyList<string>? Tags,
    AppJobContainerRequest? Container,
    [property: Text(InputLimits.Reference)] string? Schedule,
    bool? Manual,
    [property: Text(InputLimits.Keyword)] string? ConcurrencyPolicy,
    long? ActiveDeadlineSeconds,
    int? BackoffLimit);
