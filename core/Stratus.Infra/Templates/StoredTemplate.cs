namespace Stratus.Infra.Templates;

/// <summary>
/// A template as an organization keeps it: <see cref="Id"/> is its URL name (a slug), <see cref="Name"/> is what
/// people read, and <see cref="Tcl"/> is the YAML exactly as given, validated when it was saved.
/// </summary>
public sealed record StoredTemplate(string Organization, string Id, string Name, string? Description, string Tcl, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    /// <summary>A template's id from its name: lower-case letters and digits, other runs of characters become '-'.</summary>
    public static string Slug(string name)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > InfraNames.MaxLength ? slug[..InfraNames.MaxLength].Trim('-') : slug;
    }
}
