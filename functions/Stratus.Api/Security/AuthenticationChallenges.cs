using Microsoft.Extensions.Primitives;

namespace Stratus.Api.Security;

/// <summary>
/// The <c>WWW-Authenticate</c> challenges of a 401: the API takes a bearer token, and HTTP Basic with a token as the
/// password (all terraform's http state backend can send). RFC 9110 asks a 401 to name every scheme the resource takes,
/// so clients that only speak Basic (terraform, curl -u, proxies) see theirs.
/// </summary>
internal static class AuthenticationChallenges
{
    public const string Realm = "stratus";

    public static readonly StringValues All = new([$"Bearer realm=\"{Realm}\"", $"Basic realm=\"{Realm}\""]);
}
