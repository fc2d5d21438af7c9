using System.Text;

namespace Stratus.Processes;

/// <summary>
/// Replaces every occurrence of a secret in a log line with <c>***</c>. Logs are masked a line at a time, so a
/// multi-line secret (a private key, an HCL map) is masked line by line, each line trimmed. Overlapping or adjacent occurrences
/// merge into one <c>***</c>, so neither their boundaries nor their number leak. Values shorter than
/// <see cref="MinimumLength"/> are ignored: masking every "1" or "on" would make logs unreadable and hide nothing.
/// </summary>
public sealed class LogMasker
{
    public const int MinimumLength = 3;

    public const string Replacement = "***";

    private readonly string[] _secrets;

    public LogMasker(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets
            .Where(s => !string.IsNullOrEmpty(s))

            // A line of a multi-line secret may be re-indented where it is printed, and its bare "}" or blank lines are
            // no secret: match those lines trimmed. A single-line secret is matched exactly, spaces included.
            .SelectMany(s => s.Contains('\n', StringComparison.Ordinal) ? s.Split('\n').Select(line => line.Trim()) : [s])
            .Where(s => s.Length >= MinimumLength)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Masks nothing.</summary>
    public static LogMasker None { get; } = new([]);

    public int Count => _secrets.Length;

    public string Mask(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (_secrets.Length == 0 || line.Length < MinimumLength)
        {
            return line;
        }

        // Mark every character covered by any occurrence of any secret, then collapse each covered run into one mask.
        bool[]? covered = null;
        foreach (var secret in _secrets)
        {
            for (var at = line.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = line.IndexOf(secret, at + 1, StringComparison.Ordinal))
            {
                covered ??= new bool[line.Length];
                Array.Fill(covered, true, at, secret.Length);
            }
        }

        if (covered is null)
        {
            return line;
        }

        var masked = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (!covered[i])
            {
                masked.Append(line[i]);
            }
            else if (i == 0 || !covered[i - 1])
            {
                masked.Append(Replacement);
            }
        }

        return masked.ToString();
    }
}
