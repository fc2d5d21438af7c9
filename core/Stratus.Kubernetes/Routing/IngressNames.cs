using System.Security.Cryptography;
using System.Text;

namespace Stratus.Kubernetes.Routing;

/// <summary>Names of what the ingress router creates per cname; a name past Kubernetes' 253 characters keeps its start and ends in a hash of the whole.</summary>
internal static class IngressNames
{
    private const int MaxName = 253;

    /// <summary>The <c>kubernetes.io/tls</c> Secret holding a cname's certificate (or the one cert-manager writes).</summary>
    public static string TlsSecret(string app, string cname) => Fit($"{app}-tls-{cname.ToLowerInvariant()}");

    /// <summary>The Ingress of a cname whose certificate comes from a cert-manager issuer.</summary>
    public static string CnameIngress(string app, string cname) => Fit($"{app}-cname-{cname.ToLowerInvariant()}");

    private static string Fit(string name)
    {
        if (name.Length <= MaxName)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];
        return name[..(MaxName - hash.Length - 1)].TrimEnd('.', '-') + "-" + hash;
    }
}
