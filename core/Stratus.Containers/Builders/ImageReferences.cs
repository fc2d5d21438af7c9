using System.Net;

namespace Stratus.Containers.Builders;

/// <summary>The small amount of image-reference parsing the builders need.</summary>
public static class ImageReferences
{
    /// <summary>The reference without its tag or digest.</summary>
    public static string Repository(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return reference[..at];
        }

        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > slash ? reference[..colon] : reference;
    }

    /// <summary>The registry host (with port) when the reference names one, else null (Docker Hub).</summary>
    public static string? Registry(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var first = reference[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first : null;
    }

    /// <summary>Plain HTTP is allowed for loopback registries and those configured as insecure, never otherwise.</summary>
    public static bool IsInsecure(string reference, IEnumerable<string> insecureRegistries)
    {
        if (Registry(reference) is not { } registry)
        {
            return false;
        }

        if (insecureRegistries.Contains(registry, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var host = registry;
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
