using System.Net.Http.Headers;
using Azure.Core;
using k8s.Authentication;

namespace Stratus.Kubernetes.Client;

/// <summary>
/// Bearer tokens for AKS from an Entra <see cref="TokenCredential"/>. The client asks before every request, so the token
/// is cached and refreshed a few minutes before it expires (or when Entra says to refresh), one refresh at a time.
/// </summary>
internal sealed class EntraTokenProvider(TokenCredential credential, string scope, TimeProvider time) : ITokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AccessToken? _token;

    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is null || NeedsRefresh(token.Value))
        {
            await _refresh.WaitAsync(cancellationToken);
            try
            {
                token = _token;
                if (token is null || NeedsRefresh(token.Value))
                {
                    token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken);
                    _token = token;
                }
            }
            finally
            {
                _refresh.Release();
            }
        }

        return new AuthenticationHeaderValue("Bearer", token.Value.Token);
    }

    public void Dispose() => _refresh.Dispose();

    private bool NeedsRefresh(AccessToken token)
    {
        var now = time.GetUtcNow();
        return now >= token.ExpiresOn - RefreshMargin || (token.RefreshOn is { } refreshOn && now >= refreshOn);
    }
}
