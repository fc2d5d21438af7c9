namespace Stratus.Identity.Authorization;

/// <summary>
/// How a role's entries match permissions, as Tsuru's hierarchical permission names do: an exact name, a prefix
/// wildcard (<c>app.*</c> covers <c>app.deploy</c> and <c>app.env.set</c>) or <c>*</c> for everything.
/// </summary>
public static class PermissionPattern
{
    public static bool Matches(string pattern, string permission)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            var prefix = pattern[..^1];
            return permission.StartsWith(prefix, StringComparison.Ordinal);
        }

        return string.Equals(pattern, permission, StringComparison.Ordinal);
    }
}
