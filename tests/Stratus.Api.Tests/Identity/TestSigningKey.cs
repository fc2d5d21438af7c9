namespace Stratus.Api.Tests.Identity;

/// <summary>Which key signs a token <see cref="TestOidcProvider"/> mints.</summary>
public enum TestSigningKey
{
    /// <summary>The provider's own key, published in its JWKS: the token verifies.</summary>
    Provider,

    /// <summary>Another RSA key that claims the provider's key id: the signature does not verify.</summary>
    Foreign,

    /// <summary>No signature at all (<c>alg: none</c>).</summary>
    None,
}
