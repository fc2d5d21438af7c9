using System.Collections.Concurrent;
using Azure.Core;

namespace Stratus.Sandbox.ContainerApps.Tests.Fakes;

/// <summary>Hands out one fixed token per scope and records every scope asked for (the driver must use this credential).</summary>
public sealed class FakeTokenCredential : TokenCredential
{
    public ConcurrentQueue<string> Scopes { get; } = new();

    public static string TokenFor(string scope) => "fake-token-for-" + scope.Replace("https://", "", StringComparison.Ordinal).Replace("/", "_", StringComparison.Ordinal);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var scope = string.Join(' ', requestContext.Scopes);
        Scopes.Enqueue(scope);
        return new AccessToken(TokenFor(scope), DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
