namespace Stratus.Orchestrations.Apps.ArchiveUrls;

/// <summary>An archive URL's host is not allowed (or does not resolve); the message is for the server log only.</summary>
public sealed class ArchiveUrlRefusedException(string message) : Exception(message);
