using Azure.Core;

namespace Stratus.Kubernetes.Tests.Client;

/// <summary>An Entra credential without Entra: hands out numbered tokens valid for an hour on the given clock.</summary>
public sealed class FakeTokenCredential(TimeProvider time) : TokenCredential
{
    private int _issued;

    public int Issued => _issued;

    public List<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        Issue(requestContext);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Issue(requestContext));

    private AccessToken Issue(TokenRequestContext context)
    {
        lock (Scopes)
        {
            Scopes.AddRange(context.Scopes);
        }

        var number = Interlocked.Increment(ref _issued);
        return new AccessToken($"entra-token-{number}", time.GetUtcNow().AddHours(1));
    }
}
