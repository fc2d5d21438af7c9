using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Templates;

/// <remarks>Runs through both hosts: <see cref="TemplatesApiStandaloneTests"/> and <see cref="TemplatesApiAzureFunctionsTests"/>.</remarks>
public abstract class TemplatesApiTests<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : class, IStratusApiHost
{
    [Fact]
    public async Task CreateOrganization_SeedsTerrakubesDefaultTemplates()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/templates", ct);
        var ids = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["destroy", "plan", "plan-and-apply", "terraform-plan-apply-cli", "terraform-plan-destroy-cli"], ids);
    }

    [Fact]
    public async Task CreateTemplate_InvalidTcl_Returns400ListingEveryProblemWithItsLineAndStoresNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        const string Tcl = "flow:\n- type: terraformPlan\n  step: -1\n- type: teleport\n  step: 200\n";

        using var response = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/templates", new { name = "broken", tcl = Tcl }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var stored = await client.GetAsync(new Uri($"/api/v1/organizations/{org}/templates/broken", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 2);
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 3 && e.GetProperty("field").GetString()!.Contains("step", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 4 && e.GetProperty("message").GetString()!.Contains("terraformPlan", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task ValidateTemplate_ValidAndInvalidTcl_AnswersTheVerdictAndStoresNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);

        using var good = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/templates/validate", new { tcl = "flow:\n- type: terraformPlan\n  step: 100\n- type: approval\n  step: 150\n  team: TERRAFORM_CLI\n" }, ct);
        using var bad = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/templates/validate", new { tcl = "flow:\n- type: terraformPlan\n  step: -1\n" }, ct);
        using var empty = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/templates/validate", new { tcl = " " }, ct);
        using var noOrg = await client.PostAsJsonAsync("/api/v1/organizations/no-such-org/templates/validate", new { tcl = "flow: []" }, ct);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/templates", ct);

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var verdict = await good.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(verdict.GetProperty("valid").GetBoolean());
        Assert.Equal([100, 150], verdict.GetProperty("flows").EnumerateArray().Select(f => f.GetProperty("step").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var refusal = await bad.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.False(refusal.GetProperty("valid").GetBoolean());
        var error = Assert.Single(refusal.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Contains("step", error.GetProperty("field").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noOrg.StatusCode);
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == "validate");
    }

    [Theory]
    [InlineData("flow: [unclosed")]
    [InlineData("flow:\n- type: scheduleTemplates\n  step: 100\n  templates:\n  - name: plan\n    schedule: 0 0 12 * * *\n")]
    public async Task CreateTemplate_MalformedYamlOrBadCron_Returns400(string tcl)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);

        using var response = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/templates", new { name = "bad", tcl }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceTemplate_ValidTcl_IsStoredAsGiven()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        const string Tcl = "# kept as written\nflow:\n  - type: terraformPlan\n    step: 100\n";

        using var response = await client.PutAsJsonAsync($"/api/v1/organizations/{org}/templates/plan", new { name = "Plan", tcl = Tcl }, ct);
        var template = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/templates/plan", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Tcl, template.GetProperty("tcl").GetString());
    }

    [Fact]
    public async Task CreateTemplate_GroovyAndImportComands_IsSaved()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        const string Tcl = """
            flow:
              - type: "terraformPlan"
                step: 100
                commands:
                  - runtime: "GROOVY"
                    priority: 100
                    before: true
                    script: println "hello"
              - type: "customScripts"
                step: 200
                importComands:
                  repository: "https://github.com/AzBuilder/terrakube-extensions"
                  folder: "templates/terratag"
                  branch: "import-template"
            """;

        using var response = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/templates", new { name = "terrakube", tcl = Tcl }, ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateTemplate_UnknownFlowField_Returns400NamingIt()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        const string Tcl = "flow:\n- type: terraformPlan\n  step: 100\n  importComandz: {}\n";

        using var response = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/templates", new { name = "typo", tcl = Tcl }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("flow[0].importComandz", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'importComands'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
