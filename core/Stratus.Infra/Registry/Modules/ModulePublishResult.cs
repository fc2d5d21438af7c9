namespace Stratus.Infra.Registry.Modules;

/// <summary>What a publish stored, or why it stored nothing.</summary>
/// <param name="Published">The versions stored, newest first.</param>
/// <param name="AlreadyPublished">Tags whose version the module already had (a git publish of all tags skips them).</param>
/// <param name="IgnoredTags">Tags that are not semantic versions (a git publish of all tags leaves them out).</param>
/// <param name="Problem">With <see cref="ModulePublishOutcome.Invalid"/> or <see cref="ModulePublishOutcome.Conflict"/>: what to fix.</param>
public sealed record ModulePublishResult(
    ModulePublishOutcome Outcome,
    IReadOnlyList<ModuleVersion> Published,
    IReadOnlyList<string> AlreadyPublished,
    IReadOnlyList<string> IgnoredTags,
    string? Problem)
{
    public static ModulePublishResult Invalid(string problem) => new(ModulePublishOutcome.Invalid, [], [], [], problem);

    public static ModulePublishResult Conflict(string problem) => new(ModulePublishOutcome.Conflict, [], [], [], problem);
}
