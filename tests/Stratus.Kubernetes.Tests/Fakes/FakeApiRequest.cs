using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Tests.Fakes;

/// <summary>One request as a fake server saw it.</summary>
public sealed record FakeApiRequest(string Method, string Path, string Query, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Body)!;

    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    public bool HasQuery(string pair) => Query.TrimStart('?').Split('&').Contains(pair, StringComparer.Ordinal);
}
