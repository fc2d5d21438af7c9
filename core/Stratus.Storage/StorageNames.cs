using System.Text.RegularExpressions;

namespace Stratus.Storage;

/// <summary>
/// Name and key rules of Azure Storage, checked on the client so that a bad name fails before anything is sent or
/// written, with a message that says what to change.
/// </summary>
public static partial class StorageNames
{
    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp" };

    public static void ValidateTableName(string name)
    {
        if (!TableNamePattern().IsMatch(name) || name.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidStorageRequestException(
                "InvalidResourceName",
                $"Table name '{name}' is invalid: use 3–63 letters and digits, starting with a letter (and not 'tables').");
        }
    }

    public static void ValidateContainerName(string name) => ValidateDnsName(name, "Container");

    public static void ValidateQueueName(string name) => ValidateDnsName(name, "Queue");

    public static void ValidateBlobName(string name)
    {
        if (name.Length is 0 or > StorageLimits.MaxBlobNameChars)
        {
            throw new InvalidStorageRequestException("InvalidResourceName", $"Blob names must have 1–{StorageLimits.MaxBlobNameChars} characters; this one has {name.Length}.");
        }

        if (name.Contains('\\', StringComparison.Ordinal) || name.Any(char.IsControl) || name.EndsWith('.') || name.EndsWith('/'))
        {
            throw new InvalidStorageRequestException(
                "InvalidResourceName",
                $"Blob name '{Printable(name)}' is invalid: it may not contain '\\' or control characters, nor end with '.' or '/'.");
        }

        // URLs normalise these away, so such a name would address another blob than the one asked for.
        if (name.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new InvalidStorageRequestException(
                "InvalidResourceName",
                $"Blob name '{Printable(name)}' is invalid: its '/'-separated segments may not be empty, '.' or '..'.");
        }
    }

    /// <summary>PartitionKey and RowKey: at most 1,024 characters, none of <c>/ \ # ?</c> and no control characters.</summary>
    public static void ValidateKey(string key, string which)
    {
        ArgumentNullException.ThrowIfNull(key, which);
        if (key.Length > StorageLimits.MaxTableKeyChars)
        {
            throw new InvalidStorageRequestException("KeyValueTooLarge", $"{which} is {key.Length} characters long; the limit is {StorageLimits.MaxTableKeyChars}.");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new InvalidStorageRequestException(
                    "InvalidInput",
                    $"{which} '{Printable(key)}' contains the forbidden character {Describe(c)}. Keys may not contain '/', '\\', '#', '?' or control characters; encode them (for example as URL-safe Base64).");
            }
        }
    }

    public static void ValidatePropertyName(string name, bool allowSystem = false)
    {
        if (name.Length is 0 or > StorageLimits.MaxTablePropertyNameChars || !PropertyNamePattern().IsMatch(name))
        {
            throw new InvalidStorageRequestException(
                "PropertyNameInvalid",
                $"Property name '{Printable(name)}' is invalid: use up to 255 letters, digits and underscores, not starting with a digit.");
        }

        if (!allowSystem && SystemProperties.Contains(name))
        {
            throw new InvalidStorageRequestException("PropertyNameInvalid", $"'{name}' is a system property; set it through the entity's own member.");
        }
    }

    public static void ValidateMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (!PropertyNamePattern().IsMatch(key))
            {
                throw new InvalidStorageRequestException("InvalidMetadata", $"Metadata name '{Printable(key)}' is invalid: use letters, digits and underscores, not starting with a digit.");
            }

            if (value.Any(c => c > 0x7e || c < 0x20) || value != value.Trim())
            {
                throw new InvalidStorageRequestException("InvalidMetadata", $"Metadata '{key}' must be printable ASCII without leading or trailing spaces; encode other text (e.g. Base64).");
            }
        }
    }

    internal static string Printable(string value)
    {
        var shown = value.Length > 80 ? value[..80] + "…" : value;
        return new string(shown.Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray());
    }

    private static string Describe(char c) => char.IsControl(c) ? $"U+{(int)c:X4} (a control character)" : $"'{c}'";

    private static void ValidateDnsName(string name, string kind)
    {
        if (!DnsNamePattern().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw new InvalidStorageRequestException(
                "InvalidResourceName",
                $"{kind} name '{Printable(name)}' is invalid: use 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex DnsNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PropertyNamePattern();
}
