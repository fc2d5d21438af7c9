using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using Stratus.Api.Tests.Infra.State;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>No job stays stuck: one nobody approves fails, with a reason, when its approval timeout passes.</summary>
public sealed class JobTimeoutTests(ShortApprovalTimeoutServer server) : IClassFixture<ShortApprovalTimeoutServer>
{
    [TerraformFact]
    public async Task Job_NobodyApproves_FailsAfterTheApprovalTimeoutSayingWhy()
    {
        var ct = TestTimeout.Token(120);
        using var client = server.Client();
        var org = "org-" + Guid.NewGuid().ToString("N")[..8];
        (await client.PostAsJsonAsync("/api/v1/organizations", new { name = org }, ct)).Dispose();
        (await client.PostAsJsonAsync($"/api/v1/organizations/{org}/workspaces", new { name = "main" }, ct)).Dispose();
        using var content = new ByteArrayContent(TarGz.Create(("main.tf", "resource \"terraform_data\" \"x\" { input = 1 }\n")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        (await client.PutAsync(new Uri($"/api/v1/organizations/{org}/workspaces/main/source", UriKind.Relative), content, ct)).Dispose();

        using var created = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/workspaces/main/jobs", new { template = "terraform-plan-apply-cli" }, ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt32();
        var job = await Poll.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/main/jobs/{id}", ct),
            j => j.GetProperty("status").GetString() is "failed" or "completed" or "cancelled" or "rejected" or "noChanges",
            $"job {id} ends",
            ct);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("No approval decision", job.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("notExecuted", job.GetProperty("steps")[2].GetProperty("status").GetString());
    }
}
