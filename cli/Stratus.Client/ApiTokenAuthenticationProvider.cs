using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Stratus.Client;

/// <summary>
/// Sends a Stratus API token (<c>stratus_pat_…</c>, <c>stratus_team_…</c>) as <c>Authorization: Bearer</c> on every
/// request. Kiota's bearer provider wants an access-token provider and https; a local Stratus listens on plain http.
/// </summary>
public sealed class ApiTokenAuthenticationProvider(string token) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAdd("Authorization", "Bearer " + token);
        return Task.CompletedTask;
    }
}
