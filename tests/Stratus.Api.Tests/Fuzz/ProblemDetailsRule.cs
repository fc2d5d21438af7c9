using System.Text.Json;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>Every error answer is RFC 7807: <c>application/problem+json</c> with a <c>title</c> and the answer's <c>status</c>.</summary>
internal static class ProblemDetailsRule
{
    /// <returns>What is wrong with the error answer, or <c>null</c>.</returns>
    public static string? Problem(int status, string? mediaType, string body)
    {
        if (mediaType != "application/problem+json")
        {
            return $"content type '{mediaType ?? "none"}', not application/problem+json; body: {Cut(body)}";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"the body is not a JSON object: {Cut(body)}";
            }

            if (!root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString()!.Length == 0)
            {
                return $"no 'title': {Cut(body)}";
            }

            if (!root.TryGetProperty("status", out var said) || !said.TryGetInt32(out var number) || number != status)
            {
                return $"'status' is not {status}: {Cut(body)}";
            }

            return null;
        }
        catch (JsonException)
        {
            return $"the body is not JSON: {Cut(body)}";
        }
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
