using System.Text.RegularExpressions;

namespace Stratus.Api.Terraform;

/// <summary>
/// The authorization request terraform login sends to the sign-in page (OAuth 2.0 authorization code with PKCE),
/// checked before anything is shown: the redirect must be terraform's own loopback listener on one of the advertised
/// ports, so a code is never sent anywhere else, and only S256 challenges are taken.
/// </summary>
internal sealed partial record TerraformAuthorizationRequest(string ClientId, string RedirectUri, string CodeChallenge, string? State)
{
    private const int MaxStateLength = 512;

    public static (TerraformAuthorizationRequest? Request, string? Problem) Read(Func<string, string?> value)
    {
        var clientId = value("client_id");
        if (clientId != TerraformServicePaths.LoginClientId)
        {
            return (null, $"client_id must be '{TerraformServicePaths.LoginClientId}' (Stratus's login.v1 serves terraform login only).");
        }

        if (value("response_type") != "code")
        {
            return (null, "response_type must be 'code': Stratus serves the authorization code grant only.");
        }

        var redirect = value("redirect_uri");
        if (!IsTerraformListener(redirect))
        {
            return (null, $"redirect_uri must be http://localhost:<port>/… or http://127.0.0.1:<port>/… with a port from {TerraformServicePaths.FirstLoginPort} to {TerraformServicePaths.LastLoginPort}, where terraform login listens.");
        }

        if (value("code_challenge_method") != "S256")
        {
            return (null, "code_challenge_method must be 'S256' (PKCE with SHA-256); 'plain' is refused.");
        }

        var challenge = value("code_challenge");
        if (challenge is null || !ChallengePattern().IsMatch(challenge))
        {
            return (null, "code_challenge must be 43 to 128 characters of A–Z, a–z, 0–9, '-', '.', '_' and '~' (RFC 7636).");
        }

        var state = value("state");
        if (state is { Length: > MaxStateLength })
        {
            return (null, $"state is longer than {MaxStateLength} characters.");
        }

        return (new TerraformAuthorizationRequest(clientId, redirect!, challenge, state), null);
    }

    /// <summary>Where the browser goes with the code: the redirect with <c>code</c> and <c>state</c> added to its query.</summary>
    public string RedirectWith(string code)
    {
        var query = $"code={Uri.EscapeDataString(code)}" + (State is null ? "" : $"&state={Uri.EscapeDataString(State)}");
        var builder = new UriBuilder(RedirectUri);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
        return builder.Uri.AbsoluteUri;
    }

    private static bool IsTerraformListener(string? redirect) =>
        Uri.TryCreate(redirect, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Host == "localhost" || uri.Host == "127.0.0.1" || uri.Host == "[::1]")
        && uri.Port is >= TerraformServicePaths.FirstLoginPort and <= TerraformServicePaths.LastLoginPort;

    [GeneratedRegex("^[A-Za-z0-9._~-]{43,128}$")]
    private static partial Regex ChallengePattern();
}
