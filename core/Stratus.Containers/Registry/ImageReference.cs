using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Stratus.Containers.Oci;

namespace Stratus.Containers.Registry;

/// <summary>
/// An image reference, <c>host[:port]/repo/path[:tag][@sha256:…]</c>. A name without a registry host (no '.', ':'
/// or <c>localhost</c> in its first component) is on Docker Hub, as the docker CLI reads it; without tag or digest the tag
/// is <c>latest</c>.
/// </summary>
public sealed partial record ImageReference
{
    public const string DefaultRegistry = "docker.io";
    public const string DefaultTag = "latest";
    private const int MaxNameLength = 255;

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host and optional port, e.g. <c>127.0.0.1:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>The repository path inside the registry, e.g. <c>apps/web</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag; null only when the reference names a digest and no tag.</summary>
    public string? Tag { get; }

    public string? Digest { get; }

    /// <summary>What the manifest endpoint is asked for: the digest when there is one, else the tag.</summary>
    public string Reference => Digest ?? Tag ?? DefaultTag;

    /// <summary><c>registry/repository</c>, without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    public static ImageReference Parse(string reference) =>
        TryParse(reference, out var parsed, out var error) ? parsed : throw new FormatException(error);

    public static bool TryParse(string? reference, [NotNullWhen(true)] out ImageReference? parsed) => TryParse(reference, out parsed, out _);

    /// <summary>A reference from its parts (validated like <see cref="Parse"/>).</summary>
    public static ImageReference Create(string registry, string repository, string? tag = DefaultTag, string? digest = null)
    {
        var text = $"{registry}/{repository}{(tag is null ? "" : ":" + tag)}{(digest is null ? "" : "@" + digest)}";
        var parsed = Parse(text);
        return parsed.Registry == registry ? parsed : throw new FormatException($"'{registry}' is not a valid registry host.");
    }

    public ImageReference WithTag(string tag)
    {
        if (!TagPattern().IsMatch(tag ?? ""))
        {
            throw new FormatException($"'{tag}' is not a valid tag: use up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");
        }

        return new ImageReference(Registry, Repository, tag, null);
    }

    /// <summary>This reference pinned to <paramref name="digest"/> (the tag, if any, is kept for display).</summary>
    public ImageReference WithDigest(string digest)
    {
        if (!OciDigest.IsValid(digest))
        {
            throw new FormatException($"'{digest}' is not a valid digest (e.g. sha256: followed by 64 hex digits).");
        }

        return new ImageReference(Registry, Repository, Tag, digest);
    }

    /// <summary>Another repository of the same registry, tag <c>latest</c>.</summary>
    public ImageReference WithRepository(string repository) => Create(Registry, repository);

    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    private static bool TryParse(string? reference, [NotNullWhen(true)] out ImageReference? parsed, out string error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(reference))
        {
            error = "An image reference must not be empty.";
            return false;
        }

        string Invalid(string why) => $"'{reference}' is not a valid image reference: {why}.";

        var rest = reference;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!OciDigest.IsValid(digest) || (digest.StartsWith(OciDigest.Sha256Prefix, StringComparison.Ordinal) && !OciDigest.IsSha256(digest)))
            {
                error = Invalid($"'{digest}' is not a digest (sha256: followed by 64 lower-case hex digits)");
                return false;
            }
        }

        var registry = DefaultRegistry;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && LooksLikeHost(rest[..slash]))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
            if (!HostPattern().IsMatch(registry) || !ValidPort(registry))
            {
                error = Invalid($"'{registry}' is not a valid registry host[:port]");
                return false;
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = Invalid($"'{tag}' is not a valid tag (up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-')");
                return false;
            }
        }

        if (rest.Length == 0)
        {
            error = Invalid("the repository name is missing");
            return false;
        }

        foreach (var component in rest.Split('/'))
        {
            if (!ComponentPattern().IsMatch(component))
            {
                error = Invalid($"the repository component '{component}' must be lower-case letters and digits, separated by '.', '_', '__' or dashes");
                return false;
            }
        }

        if (registry == DefaultRegistry && !rest.Contains('/', StringComparison.Ordinal))
        {
            rest = "library/" + rest;
        }

        if (registry.Length + 1 + rest.Length > MaxNameLength)
        {
            error = Invalid($"the name is longer than {MaxNameLength} characters");
            return false;
        }

        parsed = new ImageReference(registry, rest, tag ?? (digest is null ? DefaultTag : null), digest);
        error = "";
        return true;
    }

    private static bool LooksLikeHost(string component) =>
        component.Contains('.', StringComparison.Ordinal) || component.Contains(':', StringComparison.Ordinal) ||
        component.StartsWith('[') || component == "localhost";

    private static bool ValidPort(string host)
    {
        var colon = host.LastIndexOf(':');
        if (colon < 0 || host.EndsWith(']'))
        {
            return true;
        }

        return int.TryParse(host.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) &&
            port is > 0 and <= 65535;
    }

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
