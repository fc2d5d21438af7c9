namespace Stratus.Containers.Oci;

/// <summary>One entry of an image config's <c>history</c>.</summary>
public sealed record ImageHistoryEntry(string? Created, string? CreatedBy, string? Author, string? Comment, bool EmptyLayer);
