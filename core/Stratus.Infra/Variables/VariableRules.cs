using System.Text;
using System.Text.RegularExpressions;

namespace Stratus.Infra.Variables;

/// <summary>
/// What a variable may look like. Terraform variable names follow Terraform's identifier rule (letters, digits,
/// '_' and '-', not starting with a digit or '-'); environment variable names follow POSIX shells (no '-'), since
/// the executor exports them. Values are bounded so that an encrypted value still fits one table property.
/// </summary>
public static partial class VariableRules
{
    public const int MaxKeyLength = 128;
    public const int MaxValueBytes = 16 * 1024;
    public const int MaxDescriptionLength = 512;

    /// <returns>The first problem with a new variable, or <c>null</c>.</returns>
    public static VariableProblem? Check(VariableInput input) =>
        KeyProblem(input.Key, input.Category)
        ?? ValueProblem(input.Value, input.Sensitive)
        ?? DescriptionProblem(input.Description)
        ?? HclProblem(input.Hcl, input.Category);

    /// <returns>The first problem with <paramref name="patch"/> applied to <paramref name="current"/>, or <c>null</c>.</returns>
    public static VariableProblem? Check(Variable current, VariablePatch patch)
    {
        var key = patch.Key ?? current.Key;
        var category = patch.Category ?? current.Category;
        var sensitive = patch.Sensitive ?? current.Sensitive;
        if (current.Sensitive && !sensitive && patch.Value is null)
        {
            return new VariableProblem("sensitive", $"Variable '{current.Key}' is sensitive; to make it non-sensitive send a new value with it (the stored secret is never revealed).");
        }

        return (patch.Key is not null || patch.Category is not null ? KeyProblem(key, category) : null)
            ?? (patch.Value is not null ? ValueProblem(patch.Value, sensitive) : null)
            ?? DescriptionProblem(patch.Description)
            ?? HclProblem(patch.Hcl ?? current.Hcl, category, patch.Hcl is null && patch.Category is not null ? "category" : "hcl");
    }

    public static VariableProblem? KeyProblem(string? key, VariableCategory category)
    {
        if (string.IsNullOrEmpty(key))
        {
            return new VariableProblem("key", "The key is required.");
        }

        if (key.Length > MaxKeyLength)
        {
            return new VariableProblem("key", $"The key is {key.Length} characters long; the limit is {MaxKeyLength}.");
        }

        return category switch
        {
            VariableCategory.Terraform when !TerraformName().IsMatch(key) => new VariableProblem(
                "key",
                $"'{Shorten(key)}' is not a Terraform variable name: use letters, digits, '_' and '-', starting with a letter or '_'."),
            VariableCategory.Env when !EnvName().IsMatch(key) => new VariableProblem(
                "key",
                $"'{Shorten(key)}' is not an environment variable name: use letters, digits and '_', starting with a letter or '_'."),
            _ => null,
        };
    }

    public static VariableProblem? ValueProblem(string? value, bool sensitive)
    {
        if (value is null)
        {
            return sensitive ? null : new VariableProblem("value", "The value is required (it may be empty); only a sensitive variable may be created without one and set later.");
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return new VariableProblem("value", "The value contains a NUL character, which neither Terraform nor the environment can carry.");
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > MaxValueBytes
            ? new VariableProblem("value", $"The value is {bytes} bytes (UTF-8); the limit is {MaxValueBytes}. Keep large data in a file of the configuration instead.")
            : null;
    }

    public static VariableProblem? DescriptionProblem(string? description) =>
        description is { Length: > MaxDescriptionLength }
            ? new VariableProblem("description", $"The description is {description.Length} characters long; the limit is {MaxDescriptionLength}.")
            : null;

    public static VariableProblem? HclProblem(bool hcl, VariableCategory category, string field = "hcl") =>
        hcl && category != VariableCategory.Terraform
            ? new VariableProblem(field, "hcl applies to TERRAFORM variables only; environment variables are plain strings.")
            : null;

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TerraformName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvName();
}
