using System.Net;

namespace Stratus.Cli.Api;

/// <summary>One answer as <see cref="ResponseRecorder"/> saw it.</summary>
internal sealed record RecordedResponse(HttpMethod Method, Uri? RequestUri, HttpStatusCode Status, string? ReasonPhrase, string Text, IReadOnlyList<string> Links);
