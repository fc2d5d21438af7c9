namespace Stratus.Archives;

/// <summary>What an extraction wrote, for the step's log.</summary>
public sealed record ExtractedArchive(int Entries, int Files, long UncompressedBytes);
