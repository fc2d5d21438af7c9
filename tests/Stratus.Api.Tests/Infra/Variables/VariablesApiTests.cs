using System.Net;
using System.Text;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Variables;

/// <remarks>Runs through both hosts: <see cref="VariablesApiStandaloneTests"/> and <see cref="VariablesApiAzureFunctionsTests"/>.</remarks>
public abstract class VariablesApiTests<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : class, IStratusApiHost
{
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    [Fact]
    public async Task WorkspaceVariable_CreateReadListChangeDelete()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");

        var created = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables",
            new { key = "region", value = "westeurope", description = "Where", category = "TERRAFORM" }, ct);
        var id = created.GetProperty("id").GetString()!;
        var (_, read, etag) = await s.SendAsync(HttpMethod.Get, $"{s.Ws()}/variables/{id}", null, ct);
        var list = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{s.Ws()}/variables", null, ct);
        var changed = await s.ExpectAsync(HttpStatusCode.OK, Patch, $"{s.Ws()}/variables/{id}", new { value = "northeurope", hcl = true }, ct, ifMatch: etag);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{s.Ws()}/variables/{id}", null, ct);
        var gone = await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{s.Ws()}/variables/{id}", null, ct);

        Assert.Equal("westeurope", read.GetProperty("value").GetString());
        Assert.Equal("TERRAFORM", read.GetProperty("category").GetString());
        Assert.Equal("Where", read.GetProperty("description").GetString());
        Assert.False(read.GetProperty("sensitive").GetBoolean());
        Assert.Equal(read.GetProperty("version").GetString(), etag);
        Assert.Equal([id], list.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("continuation").ValueKind);
        Assert.Equal("northeurope", changed.GetProperty("value").GetString());
        Assert.True(changed.GetProperty("hcl").GetBoolean());
        Assert.Equal("westeurope", created.GetProperty("value").GetString());
        Assert.False(string.IsNullOrEmpty(gone.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Create_InvalidInput_Answers400NamingTheField()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");
        var path = $"{s.Ws()}/variables";

        var cases = new (object Body, string Field)[]
        {
            (new { value = "x" }, "key"),
            (new { key = "9lives", value = "x" }, "key"),
            (new { key = "with-dash", value = "x", category = "ENV" }, "key"),
            (new { key = "x", value = "x", category = "ENV", hcl = true }, "hcl"),
            (new { key = "x", value = "x", category = "SECRET" }, "category"),
            (new { key = "x" }, "value"),
            (new { key = "x", value = new string('v', 16 * 1024 + 1) }, "value"),
            (new { key = "x", value = "v", description = new string('d', 513) }, "description"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, path, body, ct);
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        }

        var unknown = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, path, """{"key": "x", "value": "v", "secret": true}""", ct);
        var notJson = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, path, "{", ct);
        var list = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, null, ct);

        Assert.Contains("$.secret", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", notJson.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Create_DuplicateKey_Answers409_OtherCategoryIsFine()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");

        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "token", value = "a" }, ct);
        var conflict = await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "token", value = "b" }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "token", value = "c", category = "ENV" }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/globals", new { key = "token", value = "d" }, ct);
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{s.Org}/globals", new { key = "token", value = "e" }, ct);

        Assert.Contains("'token'", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_RenameOntoTakenKey_409_StaleIfMatch_412_EmptyPatch_400()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");
        var a = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/globals", new { key = "a", value = "1" }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/globals", new { key = "b", value = "2" }, ct);
        var path = $"{s.Org}/globals/{a.GetProperty("id").GetString()}";

        await s.ExpectAsync(HttpStatusCode.Conflict, Patch, path, new { key = "b" }, ct);
        await s.ExpectAsync(HttpStatusCode.OK, Patch, path, new { value = "changed" }, ct);
        var stale = await s.ExpectAsync(HttpStatusCode.PreconditionFailed, Patch, path, new { value = "lost" }, ct, ifMatch: a.GetProperty("version").GetString());
        await s.ExpectAsync(HttpStatusCode.PreconditionFailed, HttpMethod.Delete, path, null, ct, ifMatch: a.GetProperty("version").GetString());
        await s.ExpectAsync(HttpStatusCode.BadRequest, Patch, path, new { }, ct);
        var read = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, null, ct);

        Assert.Contains("changed since", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("changed", read.GetProperty("value").GetString());
    }

    [Fact]
    public async Task UnknownWorkspaceOrganizationOrVariable_Answer404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");

        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{s.Ws("nope")}/variables", null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{s.Ws("nope")}/variables", new { key = "k", value = "v" }, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{s.Ws("nope")}/variables/resolved", null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/v1/organizations/no-such-org/globals", null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/organizations/no-such-org/collections", new { name = "c" }, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{s.Ws()}/variables/0123456789abcdef", null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, Patch, $"{s.Org}/globals/0123456789abcdef", new { value = "v" }, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{s.Org}/collections/nope/items", null, ct);
    }

    [Fact]
    public async Task DeletedWorkspace_Answers404_AndANewOneOfTheSameNameStartsEmpty()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "k", value = "v" }, ct);

        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, s.Ws(), null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{s.Ws()}/variables", null, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/workspaces", new { name = "net" }, ct);
        var list = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{s.Ws()}/variables", null, ct);

        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task SensitiveValues_NeverAppearInAnyResponse()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");
        var secrets = Enumerable.Range(0, 5).Select(i => $"S3cret-{i}-{Guid.NewGuid():N}").ToArray();

        var ws = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "db_password", value = secrets[0], sensitive = true }, ct);
        var global = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/globals", new { key = "API_KEY", value = secrets[1], category = "ENV", sensitive = true }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/collections", new { name = "aws", priority = 5 }, ct);
        var item = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/collections/aws/items", new { key = "AWS_SECRET", value = secrets[2], category = "ENV", sensitive = true }, ct);
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{s.Org}/collections/aws/references/net", null, ct);
        var plain = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "made_secret", value = secrets[3] }, ct);
        var wsPath = $"{s.Ws()}/variables/{ws.GetProperty("id").GetString()}";
        var plainPath = $"{s.Ws()}/variables/{plain.GetProperty("id").GetString()}";
        var itemPath = $"{s.Org}/collections/aws/items/{item.GetProperty("id").GetString()}";
        var globalPath = $"{s.Org}/globals/{global.GetProperty("id").GetString()}";

        var madeSensitive = await s.ExpectAsync(HttpStatusCode.OK, Patch, plainPath, new { sensitive = true }, ct);
        await s.ExpectAsync(HttpStatusCode.OK, Patch, wsPath, new { value = secrets[4], description = "rotated" }, ct);
        await s.ExpectAsync(HttpStatusCode.OK, Patch, itemPath, new { description = "aws" }, ct);
        await s.ExpectAsync(HttpStatusCode.BadRequest, Patch, globalPath, new { sensitive = false }, ct);
        foreach (var path in new[]
        {
            $"{s.Ws()}/variables", wsPath, plainPath, $"{s.Ws()}/variables/resolved", $"{s.Org}/globals", globalPath,
            $"{s.Org}/collections/aws/items", itemPath, $"{s.Org}/collections/aws", $"{s.Org}/collections/aws/references",
        })
        {
            await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, null, ct);
        }

        var resolved = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{s.Ws()}/variables/resolved", null, ct);

        // The made-sensitive value was visible before the change (it was plain then); every later response must hide it.
        var afterChange = s.Bodies.SkipWhile(b => !b.Contains("\"made_secret\"", StringComparison.Ordinal) || b.Contains(secrets[3], StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(afterChange);
        Assert.All(s.Bodies, body => Assert.All(secrets.Where((_, i) => i != 3), secret => Assert.DoesNotContain(secret, body, StringComparison.Ordinal)));
        Assert.All(afterChange, body => Assert.DoesNotContain(secrets[3], body, StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, madeSensitive.GetProperty("value").ValueKind);
        Assert.All(resolved.GetProperty("items").EnumerateArray(), v =>
        {
            Assert.True(v.GetProperty("sensitive").GetBoolean());
            Assert.Equal(JsonValueKind.Null, v.GetProperty("value").ValueKind);
            Assert.True(v.GetProperty("hasValue").GetBoolean());
        });
        Assert.Equal(4, resolved.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Store_AfterSensitiveValuesAreWritten_HoldsNoPlainSecret()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");
        var secret = $"Plaintext-Secret-{Guid.NewGuid():N}";
        var control = $"Plain-Control-{Guid.NewGuid():N}";

        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "db_password", value = secret, sensitive = true }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/globals", new { key = "GLOBAL_SECRET", value = secret + "-g", category = "ENV", sensitive = true }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/collections", new { name = "c" }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/collections/c/items", new { key = "ITEM_SECRET", value = secret + "-c", category = "ENV", sensitive = true }, ct);
        var later = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "later", value = "public-for-now" }, ct);
        await s.ExpectAsync(HttpStatusCode.OK, Patch, $"{s.Ws()}/variables/{later.GetProperty("id").GetString()}", new { value = secret + "-p", sensitive = true }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "control", value = control }, ct);

        Assert.Empty(StoreScan.FilesContaining(api.DataPath, secret));

        // The scan can see what the store holds: the non-sensitive control value is there in clear.
        Assert.NotEmpty(StoreScan.FilesContaining(api.DataPath, control));
    }

    [Fact]
    public async Task Resolved_ShowsPrecedenceSourcesAndProblems()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net", "app");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "region", value = "from-workspace" }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/globals", new { key = "region", value = "from-global" }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/globals", new { key = "owner", value = "from-global" }, ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/globals", new { key = "MISSING", category = "ENV", sensitive = true }, ct);
        foreach (var (name, priority) in new[] { ("low", 1), ("high", 9), ("unused", 99) })
        {
            await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/collections", new { name, priority }, ct);
            await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/collections/{name}/items", new { key = "tier", value = $"from-{name}" }, ct);
            await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/collections/{name}/items", new { key = "owner", value = $"from-{name}" }, ct);
            await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{s.Org}/collections/{name}/references/{(name == "unused" ? "app" : "net")}", null, ct);
        }

        var resolved = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{s.Ws()}/variables/resolved", null, ct);
        var items = resolved.GetProperty("items").EnumerateArray().ToDictionary(v => v.GetProperty("key").GetString()!);

        Assert.Equal(["owner", "region", "tier", "MISSING"], resolved.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        Assert.Equal(("from-workspace", "workspace", "net"), Describe(items["region"]));
        Assert.Equal(("from-global", "global", s.Organization), Describe(items["owner"]));
        Assert.Equal(("from-high", "collection", "high"), Describe(items["tier"]));
        Assert.Equal(9, items["tier"].GetProperty("source").GetProperty("priority").GetInt32());
        Assert.Equal(["global"], items["region"].GetProperty("overrides").EnumerateArray().Select(o => o.GetProperty("kind").GetString()));
        Assert.Equal(["high", "low"], items["owner"].GetProperty("overrides").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(["low"], items["tier"].GetProperty("overrides").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.False(items["MISSING"].GetProperty("hasValue").GetBoolean());
        var problem = Assert.Single(resolved.GetProperty("problems").EnumerateArray()).GetString();
        Assert.Contains("'MISSING'", problem, StringComparison.Ordinal);
        Assert.Contains($"PATCH /api/v1/organizations/{s.Organization}/globals/", problem, StringComparison.Ordinal);

        await s.ExpectAsync(HttpStatusCode.OK, Patch, $"{s.Org}/collections/low", new { priority = 20 }, ct);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{s.Org}/collections/high", null, ct);
        var after = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{s.Ws()}/variables/resolved", null, ct);
        var tier = after.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "tier");

        Assert.Equal(("from-low", "collection", "low"), Describe(tier));
    }

    [Fact]
    public async Task Collections_CreateChangeItemsReferencesDelete()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");
        var c = $"{s.Org}/collections/aws";

        var created = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Org}/collections", new { name = "aws", description = "AWS", priority = 3 }, ct);
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{s.Org}/collections", new { name = "aws" }, ct);
        var badName = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{s.Org}/collections", new { name = "Not Valid" }, ct);
        var badPriority = await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{s.Org}/collections", new { name = "p", priority = 1_000_000 }, ct);
        var changed = await s.ExpectAsync(HttpStatusCode.OK, Patch, c, new { priority = 7 }, ct, ifMatch: created.GetProperty("version").GetString());
        await s.ExpectAsync(HttpStatusCode.BadRequest, Patch, c, new { name = "other" }, ct);
        var item = await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{c}/items", new { key = "AWS_REGION", value = "eu-west-1", category = "ENV" }, ct);
        await s.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{c}/items", new { key = "AWS_REGION", value = "x", category = "ENV" }, ct);
        var items = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{c}/items", null, ct);
        var reference = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{c}/references/net", null, ct);
        await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{c}/references/net", null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"{c}/references/nope", null, ct);
        var references = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{c}/references", null, ct);
        var list = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{s.Org}/collections", null, ct);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{c}/items/{item.GetProperty("id").GetString()}", null, ct);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{c}/references/net", null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"{c}/references/net", null, ct);
        await s.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, c, null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, c, null, ct);
        await s.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{c}/items", new { key = "X", value = "x", category = "ENV" }, ct);

        Assert.Equal("name", badName.GetProperty("field").GetString());
        Assert.Equal("priority", badPriority.GetProperty("field").GetString());
        Assert.Equal(7, changed.GetProperty("priority").GetInt32());
        Assert.Equal("AWS", changed.GetProperty("description").GetString());
        Assert.Equal(1, items.GetProperty("items").GetArrayLength());
        Assert.Equal("net", reference.GetProperty("workspace").GetString());
        Assert.Equal(["net"], references.EnumerateArray().Select(r => r.GetProperty("workspace").GetString()));
        Assert.Equal(["aws"], list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task List_PagesWithLimitAndContinuation()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var s = await new VariablesApiSession(client).CreateOrganizationAsync(ct, "net");
        foreach (var key in new[] { "c", "a", "b" })
        {
            await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key, value = key }, ct);
        }

        var first = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{s.Ws()}/variables?limit=2", null, ct);
        var token = first.GetProperty("continuation").GetString()!;
        var second = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{s.Ws()}/variables?limit=2&continuation={Uri.EscapeDataString(token)}", null, ct);
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"{s.Ws()}/variables?limit=0", null, ct);
        await s.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"{s.Ws()}/variables?continuation=garbage", null, ct);

        Assert.Equal(["a", "b"], first.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        Assert.Equal(["c"], second.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task WorkspaceReader_CanReadButNotWrite()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var s = await new VariablesApiSession(admin).CreateOrganizationAsync(ct, "net");
        var identity = new Identity.IdentityAdmin(admin);
        var user = "reader-" + Guid.NewGuid().ToString("N")[..10];
        var token = await identity.CreateUserWithTokenAsync(user, ct);
        await identity.GrantAsync($"user:{user}", "auditor", $"workspace:{s.Organization}/net", ct);
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{s.Ws()}/variables", new { key = "secret", value = "hidden-value", sensitive = true }, ct);
        using var client = api.CreateClient(token);
        var reader = new VariablesApiSession(client);

        var (listStatus, list, _) = await reader.SendAsync(HttpMethod.Get, $"{s.Ws()}/variables", null, ct);
        var (writeStatus, _, _) = await reader.SendAsync(HttpMethod.Post, $"{s.Ws()}/variables", new { key = "k", value = "v" }, ct);

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(HttpStatusCode.Forbidden, writeStatus);
        Assert.DoesNotContain("hidden-value", list.GetRawText(), StringComparison.Ordinal);
    }

    private static (string? Value, string? Kind, string? Name) Describe(JsonElement item) =>
        (item.GetProperty("value").GetString(), item.GetProperty("source").GetProperty("kind").GetString(), item.GetProperty("source").GetProperty("name").GetString());
}
