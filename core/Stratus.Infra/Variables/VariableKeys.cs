using System.Globalization;
using System.Text;

namespace Stratus.Infra.Variables;

/// <summary>
/// Row keys of the variables table. Everything of one organization shares its partition, so a variable and its
/// index, or a collection and its references, change in one entity-group transaction.
/// <list type="bullet">
/// <item><c>k|{owner}|{CATEGORY}|{key}</c>: a variable (its data; unique per owner, category and key)</item>
/// <item><c>i|{owner}|{id}</c>: the id index, pointing at the variable's category and key</item>
/// <item><c>c|{collection}</c>: a collection</item>
/// <item><c>r|{collection}|{workspace id}</c> and <c>w|{workspace id}|{collection}</c>: a reference, both ways</item>
/// </list>
/// </summary>
internal static class VariableKeys
{
    public static string Data(VariableOwner owner, VariableCategory category, string key) => $"k|{owner.Key}|{CategoryName(category)}|{key}";

    public static string DataPrefix(VariableOwner owner) => $"k|{owner.Key}|";

    public static string Id(VariableOwner owner, string id) => $"i|{owner.Key}|{id}";

    public static string IdPrefix(VariableOwner owner) => $"i|{owner.Key}|";

    public static string Collection(string collection) => "c|" + collection;

    public const string CollectionPrefix = "c|";

    public static string Reference(string collection, string workspaceId) => $"r|{collection}|{Escape(workspaceId)}";

    public static string ReferencePrefix(string collection) => $"r|{collection}|";

    public static string WorkspaceReference(string workspaceId, string collection) => $"w|{Escape(workspaceId)}|{collection}";

    public static string WorkspaceReferencePrefix(string workspaceId) => $"w|{Escape(workspaceId)}|";

    public static string CategoryName(VariableCategory category) => category == VariableCategory.Env ? "ENV" : "TERRAFORM";

    /// <summary>
    /// Makes an id safe inside a row key: characters tables forbid ('/', '\', '#', '?', control characters) and the
    /// separators '|' and '%' become %XX, so two ids never map to one key.
    /// </summary>
    public static string Escape(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '|' or '%' || char.IsControl(c);
}
