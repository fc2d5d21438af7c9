using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Routing;

/// <summary>
/// The v2 ensure body of <c>PUT /backend/{name}</c>, shaped as Tsuru's <c>EnsureBackendOpts</c>:
/// <c>{opts, cnames, team, tags, certIssuers, prefixes:[{prefix, target:{namespace, service}}]}</c>. As Tsuru does,
/// <c>team</c>, <c>tags</c> and <c>certIssuers</c> are left out when empty, and the app's pool, owner and teams go into
/// <c>opts</c> over anything the app's own router options say under those keys. Prefixes for a process's later ports
/// are left out: Tsuru's targets carry no port.
/// </summary>
public static class TsuruRouterPayload
{
    public const string AppPool = "tsuru.io/app-pool";
    public const string AppTeamOwner = "tsuru.io/app-teamowner";
    public const string AppTeams = "tsuru.io/app-teams";

    public static JsonObject Build(RouteSpec route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var opts = new JsonObject();
        foreach (var (key, value) in route.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            opts[key] = value;
        }

        opts[AppPool] = route.Pool ?? "";
        opts[AppTeamOwner] = route.Team;
        var teams = route.Teams.Count > 0 ? route.Teams : [route.Team];
        opts[AppTeams] = Strings(teams);

        var payload = new JsonObject { ["opts"] = opts, ["cnames"] = Strings(route.Cnames) };
        if (!string.IsNullOrEmpty(route.Team))
        {
            payload["team"] = route.Team;
        }

        if (route.Tags.Count > 0)
        {
            payload["tags"] = Strings(route.Tags);
        }

        if (route.CertIssuers.Count > 0)
        {
            var issuers = new JsonObject();
            foreach (var (cname, issuer) in route.CertIssuers.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                issuers[cname] = issuer;
            }

            payload["certIssuers"] = issuers;
        }

        // A target has no port (see RoutePrefix.NeedsPortTarget): a prefix for a later port would reach the first one.
        payload["prefixes"] = new JsonArray(route.Prefixes.Where(p => !p.NeedsPortTarget).Select(p => (JsonNode?)new JsonObject
        {
            ["prefix"] = p.Prefix,
            ["target"] = new JsonObject { ["namespace"] = p.Namespace, ["service"] = p.Service },
        }).ToArray());
        return payload;
    }

    internal static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
