using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Testing;

namespace Stratus.Api.Tests.Identity;

/// <summary>
/// Every endpoint the app maps, called as anonymous, as an outsider (another team holding the same permission on a
/// different resource), as an insider (a team granted exactly the endpoint's permission on the named resource) and
/// as admin. New endpoints join the matrix by existing; none needs a new test.
/// </summary>
public sealed partial class AuthzMatrixTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task Endpoints_CalledByEachKindOfCaller_AnswerAsTheirDeclarationSays()
    {
        var ct = TestTimeout.Token(180);
        using var adminClient = api.CreateClient();
        var admin = new IdentityAdmin(adminClient);
        var insiderToken = await admin.CreateUserWithTokenAsync("matrix-insider", ct);
        var outsiderToken = await admin.CreateUserWithTokenAsync("matrix-outsider", ct);
        await admin.CreateTeamAsync("matrix-in", ["matrix-insider"], ct);
        await admin.CreateTeamAsync("matrix-out", ["matrix-outsider"], ct);
        using var anonymous = api.CreateClient(token: null);
        using var insider = api.CreateClient(insiderToken);
        using var outsider = api.CreateClient(outsiderToken);

        var endpoints = Endpoints();
        var failures = new List<string>();
        var roles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < endpoints.Count; i++)
        {
            var (endpoint, method) = endpoints[i];
            var access = endpoint.Metadata.GetMetadata<EndpointAccess>();
            var insideValue = $"mi{i}";
            if (access is RequiredPermission required)
            {
                var role = "matrix-" + required.Permission.Replace('.', '-');
                if (roles.Add(role))
                {
                    await admin.CreateRoleAsync(role, [required.Permission], ct);
                }

                await admin.GrantAsync("team:matrix-in", role, ScopeText(required, insideValue), ct);
                if (required.ScopeKind != ScopeKind.Global)
                {
                    await admin.GrantAsync("team:matrix-out", role, ScopeText(required, $"mo{i}"), ct);
                }
            }

            var path = Path(endpoint, insideValue);
            var name = $"{method} {endpoint.RoutePattern.RawText} ({access?.GetType().Name})";
            var asAnonymous = await CallAsync(anonymous, method, path, ct);
            var asOutsider = await CallAsync(outsider, method, path, ct);
            var asInsider = await CallAsync(insider, method, path, ct);
            var asAdmin = await CallAsync(adminClient, method, path, ct);

            switch (access)
            {
                case PublicAccess { VerifiesSignature: true }:
                    // The matrix's requests carry no signature: refused by the endpoint itself, with a problem body.
                    Expect(failures, name, "anonymous", asAnonymous, HttpStatusCode.Unauthorized);
                    break;
                case PublicAccess:
                    Expect(failures, name, "anonymous", asAnonymous, allowed: true);
                    break;
                case AuthenticatedAccess:
                    Expect(failures, name, "anonymous", asAnonymous, HttpStatusCode.Unauthorized);
                    Expect(failures, name, "outsider", asOutsider, allowed: true);
                    Expect(failures, name, "insider", asInsider, allowed: true);
                    Expect(failures, name, "admin", asAdmin, allowed: true);
                    break;
                case RequiredPermission:
                    Expect(failures, name, "anonymous", asAnonymous, HttpStatusCode.Unauthorized);
                    Expect(failures, name, "outsider", asOutsider, HttpStatusCode.Forbidden);
                    Expect(failures, name, "insider", asInsider, allowed: true);
                    Expect(failures, name, "admin", asAdmin, allowed: true);
                    break;
                default:
                    failures.Add($"{name}: no access declaration");
                    break;
            }
        }

        Assert.True(endpoints.Count >= 40, $"Only {endpoints.Count} endpoints were found; the data source walk is broken.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Endpoints_All_HaveAValidAccessDeclaration()
    {
        using var scope = api.Services.CreateScope();
        var problems = EndpointAccessValidator.FindProblems(scope.ServiceProvider.GetServices<EndpointDataSource>());

        Assert.Empty(problems);
    }

    private List<(RouteEndpoint Endpoint, string Method)> Endpoints()
    {
        using var scope = api.Services.CreateScope();
        return scope.ServiceProvider.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (e, m)))
            .OrderBy(x => x.e.RoutePattern.RawText, StringComparer.Ordinal).ThenBy(x => x.m, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Scope route values get this endpoint's own resource name; other parameters get a value their constraints accept
    /// (a number for <c>int</c>) that names nothing.
    /// </summary>
    private static string Path(RouteEndpoint endpoint, string scopeValue)
    {
        var scoped = endpoint.Metadata.GetMetadata<RequiredPermission>()?.RouteValues ?? [];
        return RouteParameter().Replace(endpoint.RoutePattern.RawText!, m =>
        {
            var name = m.Groups[1].Value;
            if (scoped.Contains(name, StringComparer.Ordinal))
            {
                return scopeValue;
            }

            var numeric = endpoint.RoutePattern.GetParameter(name)?.ParameterPolicies.Any(p => p.Content is "int" or "long") == true;
            return numeric ? "987654" : "matrix-none";
        });
    }

    private static string ScopeText(RequiredPermission required, string value) =>
        required.ScopeKind == ScopeKind.Global ? "global"
        : Scope.Of(required.ScopeKind, string.Join('/', required.RouteValues.Select(_ => value))).ToString();

    private static async Task<(HttpStatusCode Status, string Body)> CallAsync(HttpClient client, string method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static void Expect(List<string> failures, string endpoint, string caller, (HttpStatusCode Status, string Body) actual, HttpStatusCode expected)
    {
        if (actual.Status != expected)
        {
            failures.Add($"{endpoint} as {caller}: expected {(int)expected}, got {(int)actual.Status} {Shorten(actual.Body)}");
        }
        else if (!actual.Body.Contains("\"detail\"", StringComparison.Ordinal))
        {
            failures.Add($"{endpoint} as {caller}: {(int)expected} without a ProblemDetails body");
        }
    }

    /// <summary>Allowed: the request got past authentication and authorization, and the handler did not fail.</summary>
    private static void Expect(List<string> failures, string endpoint, string caller, (HttpStatusCode Status, string Body) actual, bool allowed)
    {
        if (allowed && (actual.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)actual.Status >= 500))
        {
            failures.Add($"{endpoint} as {caller}: expected to be let through, got {(int)actual.Status} {Shorten(actual.Body)}");
        }
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] : body;

    [GeneratedRegex("\\{\\*?([A-Za-z0-9_]+)[^}]*\\}")]
    private static partial Regex RouteParameter();
}
