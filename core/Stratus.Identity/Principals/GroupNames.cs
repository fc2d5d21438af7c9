namespace Stratus.Identity.Principals;

/// <summary>Identity-provider group ids as teams list them: Entra object ids or group names, without key-breaking characters.</summary>
public static class GroupNames
{
    public const int MaxLength = 128;

    public static string? Problem(string? group) =>
        string.IsNullOrWhiteSpace(group) || group.Length > MaxLength || group.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?' or '|')
            ? $"Group '{group}' is not valid: use 1–{MaxLength} characters without '/', '\\', '#', '?', '|' or control characters (an Entra group object id works)."
            : null;
}
