namespace Stratus.Apps.Versions;

/// <summary>Which versions a retention pass keeps and which it may delete (newest first); removing their images is the caller's job.</summary>
public sealed record AppVersionPrune(IReadOnlyList<AppVersion> Keep, IReadOnlyList<AppVersion> Delete);
