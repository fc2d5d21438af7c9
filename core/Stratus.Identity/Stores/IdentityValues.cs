namespace Stratus.Identity.Stores;

/// <summary>Short lists stored in one string property: identity-provider groups and role permissions never contain a newline.</summary>
internal static class IdentityValues
{
    public static string Join(IEnumerable<string> values) => string.Join('\n', values);

    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
