namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// One request the suite sends: the operation it exercises, what was mutated (the failure report's "mutation"), and
/// the raw request: target (already percent-encoded), body bytes and content type.
/// </summary>
internal sealed record FuzzRequest(
    OpenApiOperation Operation,
    string Mutation,
    string Method,
    string Target,
    byte[]? Body,
    string? ContentType)
{
    /// <summary>A short, printable form for the report: long targets and bodies are cut, control characters escaped.</summary>
    public string Describe()
    {
        var body = Body is null ? "" : $" body({Body.Length} bytes, {ContentType ?? "no content type"}): {Printable(System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 160)))}";
        return $"{Method} {Printable(Target.Length > 200 ? Target[..200] + "…" : Target)}{body}";
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
