using System.Text.RegularExpressions;

namespace Stratus.Functions.CustomHandler;

/// <summary>
/// The Functions host's rule for function names (letters, digits, '_' and '-', starting with a letter, at most 128).
/// A name outside it would be silently skipped by the host, so we refuse it when generating and mapping.
/// </summary>
internal static partial class FunctionNames
{
    public static void EnsureValid(string name)
    {
        if (!Valid().IsMatch(name))
        {
            throw new InvalidOperationException(
                $"Function name '{name}' is not accepted by the Azure Functions host: use a letter followed by up to 127 letters, digits, '_' or '-'.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,127}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Valid();
}
