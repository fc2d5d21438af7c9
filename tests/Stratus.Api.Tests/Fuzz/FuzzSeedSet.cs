using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Real resources created before the fuzzing starts, so path parameters can name things that exist (and the handlers
/// get past "not found" into their validation) as well as things that do not. Names are fixed: the run is
/// deterministic for a seed. The app lives in a podman pool and is never deployed, so its operations end at once
/// without containers (as in the app endpoint tests).
/// </summary>
internal sealed class FuzzSeedSet
{
    public const string Password = "Fuzz-seed-password-1!";
    public const string Tcl = "flow:\n- type: terraformPlan\n  step: 100\n";

    private readonly Dictionary<string, string> _existing = new(StringComparer.Ordinal);

    private FuzzSeedSet()
    {
    }

    /// <summary>For each path parameter name, a value naming a resource that exists.</summary>
    public IReadOnlyDictionary<string, string> Existing => _existing;

    public string Organization => _existing["organization"];

    public string Workspace => _existing["workspace"];

    public string Team => _existing["team"];

    public string User => _existing["user"];

    public string Role => _existing["role"];

    public string Pool => _existing["pool"];

    public string Plan => _existing["plan"];

    public string Platform => _existing["platform"];

    public string App => _existing["app"];

    public string TemplateName { get; private set; } = "";

    public string Permission { get; private set; } = "app.read";

    public static async Task<FuzzSeedSet> CreateAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var seed = new FuzzSeedSet();
        var e = seed._existing;
        e["team"] = "fz-team";
        e["user"] = "fz-user";
        e["role"] = "fz-role";
        e["organization"] = "fz-org";
        e["workspace"] = "fz-ws";
        e["collection"] = "fz-collection";
        e["pool"] = "fz-pool";
        e["plan"] = "fz-plan";
        e["platform"] = "fz-platform";
        e["app"] = "fz-app";
        seed.TemplateName = "fz-template";

        await SendAsync(admin, HttpMethod.Post, "/api/v1/teams", new { name = seed.Team }, cancellationToken);
        await SendAsync(admin, HttpMethod.Post, "/api/v1/users", new { name = seed.User, displayName = "Fuzz", email = "fz@example.com", password = Password }, cancellationToken);
        await SendAsync(admin, HttpMethod.Put, $"/api/v1/teams/{seed.Team}/members/{seed.User}", null, cancellationToken);
        e["tokenId"] = (await SendAsync(admin, HttpMethod.Post, $"/api/v1/users/{seed.User}/tokens", new { name = "fz" }, cancellationToken)).GetProperty("token").GetProperty("id").GetString()!;
        await SendAsync(admin, HttpMethod.Post, $"/api/v1/teams/{seed.Team}/tokens", new { name = "fz" }, cancellationToken);
        await SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new { name = seed.Role, description = "fuzz", permissions = new[] { seed.Permission } }, cancellationToken);
        e["grantId"] = (await SendAsync(admin, HttpMethod.Post, "/api/v1/grants", new { principal = $"team:{seed.Team}", role = seed.Role, scope = $"team:{seed.Team}" }, cancellationToken)).GetProperty("id").GetString()!;

        var org = $"/api/v1/organizations/{seed.Organization}";
        var ws = $"{org}/workspaces/{seed.Workspace}";
        await SendAsync(admin, HttpMethod.Post, "/api/v1/organizations", new { name = seed.Organization, description = "fuzz" }, cancellationToken);
        await SendAsync(admin, HttpMethod.Post, $"{org}/workspaces", new { name = seed.Workspace }, cancellationToken);
        e["template"] = (await SendAsync(admin, HttpMethod.Post, $"{org}/templates", new { name = seed.TemplateName, tcl = Tcl }, cancellationToken)).GetProperty("id").GetString()!;

        // Far in the future and disabled: the schedule timer must never start a job during the run.
        e["scheduleId"] = (await SendAsync(admin, HttpMethod.Post, $"{ws}/schedules", new { cron = "0 0 3 1 1 ? 2099", template = "plan", enabled = false }, cancellationToken)).GetProperty("id").GetString()!;
        e["variableId"] = (await SendAsync(admin, HttpMethod.Post, $"{ws}/variables", new { key = "fz_var", value = "v" }, cancellationToken)).GetProperty("id").GetString()!;
        seed.GlobalId = (await SendAsync(admin, HttpMethod.Post, $"{org}/globals", new { key = "fz_global", value = "v" }, cancellationToken)).GetProperty("id").GetString()!;
        await SendAsync(admin, HttpMethod.Post, $"{org}/collections", new { name = e["collection"], priority = 1 }, cancellationToken);
        seed.CollectionItemId = (await SendAsync(admin, HttpMethod.Post, $"{org}/collections/{e["collection"]}/items", new { key = "fz_item", value = "v" }, cancellationToken)).GetProperty("id").GetString()!;
        await SendAsync(admin, HttpMethod.Put, $"{org}/collections/{e["collection"]}/references/{seed.Workspace}", null, cancellationToken);

        await SendAsync(admin, HttpMethod.Post, "/api/v1/pools", new { name = seed.Pool, provisioner = "podman", router = "local", registry = new { address = "127.0.0.1:5999", @namespace = "fz", insecure = true } }, cancellationToken);
        await SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new { name = seed.Plan, cpuMilli = 100, memory = "128Mi" }, cancellationToken);
        await SendAsync(admin, HttpMethod.Post, "/api/v1/platforms", new { name = seed.Platform, image = "127.0.0.1:5999/fz/platform:1" }, cancellationToken);
        await SendAsync(admin, HttpMethod.Post, "/api/v1/apps", new { name = seed.App, teamOwner = seed.Team, pool = seed.Pool, plan = seed.Plan, platform = seed.Platform }, cancellationToken);
        var operation = await SendAsync(admin, HttpMethod.Put, $"/api/v1/apps/{seed.App}/units", new { process = "web", units = 1 }, cancellationToken);
        e["id"] = operation.GetProperty("event").GetString()!.Split('/')[^1];
        e["instanceId"] = e["id"];
        e["eventName"] = "approve";
        e["jobId"] = "1";
        e["step"] = "100";
        e["version"] = "1";
        return seed;
    }

    /// <summary>The organization-wide variable (globals route) that exists.</summary>
    public string GlobalId { get; private set; } = "";

    /// <summary>The collection item (collection items route) that exists.</summary>
    public string CollectionItemId { get; private set; } = "";

    /// <summary>The value naming an existing resource for a path parameter, by the operation's path (variable ids differ per route).</summary>
    public string ExistingFor(string pathTemplate, string parameter)
    {
        if (parameter == "variableId" && pathTemplate.Contains("/globals/", StringComparison.Ordinal))
        {
            return GlobalId;
        }

        if (parameter == "variableId" && pathTemplate.Contains("/items/", StringComparison.Ordinal))
        {
            return CollectionItemId;
        }

        return _existing.TryGetValue(parameter, out var value) ? value : "fz-unknown-parameter";
    }

    private static async Task<JsonElement> SendAsync(HttpClient admin, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await admin.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"fuzz seed set: {method} {path} answered {(int)response.StatusCode}: {text}");
        return response.StatusCode == HttpStatusCode.NoContent || text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
