using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Stratus.Api.Api.OpenApi;
using Stratus.Processes;
using Stratus.Testing;

namespace Stratus.Api.Tests.Api;

/// <summary>
/// The live API description, as a new consumer reads it: Redocly CLI's recommended rules (redocly.yaml at the
/// repository root) with 0 errors and 0 warnings, every tag described in <see cref="ApiTags"/>, and each operation's
/// security following its endpoint's access declaration. An endpoint added later that breaks them fails here.
/// </summary>
public sealed class OpenApiLintTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    // The document's server is the base URL the caller reached; fetch it as from the standalone host's default address
    // (the in-process client's own, http://localhost, is one redocly rightly flags in a published document).
    private static readonly WebApplicationFactoryClientOptions StandaloneAddress = new() { BaseAddress = new Uri("http://127.0.0.1:7071") };

    [Fact]
    public async Task OpenApi_Document_PassesRedoclyRecommendedRules()
    {
        using var client = api.CreateClient(StandaloneAddress);
        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestTimeout.Token());

        var (exitCode, totals, output) = await LintAsync(document);

        Assert.True(exitCode == 0 && totals == (0, 0), $"redocly lint: exit {exitCode}, {totals.Errors} errors, {totals.Warnings} warnings:\n{output}");
    }

    [Fact]
    public async Task OpenApi_WithOidcConfigured_OffersOpenIdConnect()
    {
        using var oidc = api.WithWebHostBuilder(builder => builder
            .UseSetting("Stratus:Identity:Oidc:Authority", "https://login.example.test/tenant/v2.0")
            .UseSetting("Stratus:Identity:Oidc:Audience", "api://stratus"));
        using var client = oidc.CreateClient();
        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestTimeout.Token());
        var root = JsonDocument.Parse(document).RootElement;

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty(SecuritySchemeNames.OpenIdConnect);
        Assert.Equal("https://login.example.test/tenant/v2.0/.well-known/openid-configuration", scheme.GetProperty("openIdConnectUrl").GetString());
        Assert.Equal([SecuritySchemeNames.Bearer, SecuritySchemeNames.OpenIdConnect], SchemesOf(root, "/api/v1/users", "get"));
    }

    [Fact]
    public async Task OpenApi_Tags_AreAllDeclaredInApiTags()
    {
        using var client = api.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), TestTimeout.Token());

        var used = Operations(document).SelectMany(o => o.Operation.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()!) : []).Distinct().ToList();
        var missing = used.Where(tag => !ApiTags.Descriptions.ContainsKey(tag)).ToList();

        Assert.True(used.Count >= 15, $"only {used.Count} tags in the document");
        Assert.True(missing.Count == 0, $"Tags without a description: add them to ApiTags.Descriptions (functions/Stratus.Api/Api/OpenApi/ApiTags.cs): {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task OpenApi_Security_FollowsEachEndpointsAccessDeclaration()
    {
        using var client = api.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), TestTimeout.Token());

        var login = document.GetProperty("paths").GetProperty("/api/v1/auth/login").GetProperty("post");
        Assert.Equal(0, login.GetProperty("security").GetArrayLength());
        Assert.Contains("Public", login.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal([SecuritySchemeNames.Bearer], SchemesOf(document, "/api/v1/users", "get"));
        Assert.Contains("`user.read`", document.GetProperty("paths").GetProperty("/api/v1/users").GetProperty("get").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal([SecuritySchemeNames.Bearer, SecuritySchemeNames.Basic], SchemesOf(document, "/api/v1/organizations/{organization}/workspaces/{workspace}/state", "get"));
        var unsecured = Operations(document).Where(o => !o.Operation.TryGetProperty("security", out _)).Select(o => o.Name).ToList();
        Assert.True(unsecured.Count == 0, "Operations without security: " + string.Join(", ", unsecured));
        Assert.False(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty(SecuritySchemeNames.OpenIdConnect, out _));
    }

    // Runs the CLI the test command installs into tools/ on the document; the JSON report's totals decide, the
    // stylish report is what a failure shows.
    private static async Task<(int ExitCode, (int Errors, int Warnings) Totals, string Output)> LintAsync(string document)
    {
        var folder = Directory.CreateTempSubdirectory("stratus-openapi-lint-");
        try
        {
            var path = Path.Combine(folder.FullName, "openapi.json");
            await File.WriteAllTextAsync(path, document, TestTimeout.Token());
            var redocly = Path.Combine(RepositoryPaths.Tools, "node_modules", ".bin", "redocly");
            Assert.True(File.Exists(redocly), $"{redocly} is missing: run 'npm ci --prefix tools' (scripts/test.sh does).");
            var config = Path.Combine(RepositoryPaths.Root, "redocly.yaml");

            using var json = new MemoryStream();
            var exitCode = await ProcessRunner.RunAsync(Spec(redocly, folder.FullName, ["lint", path, "--config", config, "--format", "json", "--max-problems", "1000"]),
                json, _ => { }, TestTimeout.Token(120));
            var report = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("totals");
            var totals = (report.GetProperty("errors").GetInt32(), report.GetProperty("warnings").GetInt32());
            if (exitCode == 0 && totals == (0, 0))
            {
                return (exitCode, totals, "");
            }

            var text = new StringBuilder();
            await ProcessRunner.RunAsync(Spec(redocly, folder.FullName, ["lint", path, "--config", config, "--format", "stylish", "--max-problems", "1000"]),
                line => text.AppendLine(line), TestTimeout.Token(120));
            return (exitCode, totals, text.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static ProcessSpec Spec(string file, string workingDirectory, string[] arguments) =>
        new(file, arguments, workingDirectory) { InheritEnvironment = true, Environment = new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" } };

    private static List<string> SchemesOf(JsonElement document, string path, string method) =>
        [.. document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name))];

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => op.Name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
            .Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));
}
