using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Tests.Infra.State;
using Stratus.Infra.Jobs;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>
/// The jobs list's paging and a step log's content type, on jobs written straight to the store (finished ones, so
/// nothing runs): no terraform, no executor.
/// </summary>
public sealed class JobListAndStepLogApiTests(StateApiServer server) : IClassFixture<StateApiServer>
{
    private const string ColouredLog = "\u001b[0m\u001b[1mInitializing the backend...\u001b[0m\n\u001b[32mApply complete!\u001b[0m é\n";

    [Fact]
    public async Task ListJobs_ThreeJobsTwoAPage_TwoPagesNewestFirstWithNoneLostOrRepeated()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        for (var i = 0; i < 3; i++)
        {
            await CreateJobAsync(workspace, log: null, ct);
        }

        var jobs = $"api/v1/organizations/{workspace.Organization}/workspaces/{workspace.Name}/jobs";
        var first = await GetJsonAsync(admin, jobs + "?limit=2", ct);
        var continuation = first.GetProperty("continuation").GetString();
        var second = await GetJsonAsync(admin, $"{jobs}?limit=2&continuation={Uri.EscapeDataString(continuation!)}", ct);

        Assert.Equal([3, 2], Ids(first));
        Assert.Equal([1], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuation").ValueKind);
        Assert.Equal([3, 2, 1], Ids(await GetJsonAsync(admin, jobs, ct)));
    }

    [Theory]
    [InlineData("/jobs?continuation=not-a-job")]
    [InlineData("/jobs?continuation=0")]
    [InlineData("/schedules?continuation=%25%25notatoken")]
    [InlineData("/variables?continuation=%25%25notatoken")]
    [InlineData("/state/versions?continuation=soon")]
    public async Task List_InvalidContinuation_Is400NamingTheParameter(string list)
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);

        using var response = await admin.GetAsync(new Uri($"api/v1/organizations/{workspace.Organization}/workspaces/{workspace.Name}{list}", UriKind.Relative), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{list}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("?continuation=", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepLog_Read_IsPlainTextWithItsColoursAndAnsiFalseRemovesThem()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var id = await CreateJobAsync(workspace, ColouredLog, ct);
        var log = $"api/v1/organizations/{workspace.Organization}/workspaces/{workspace.Name}/jobs/{id}/steps/100/log";

        using var coloured = await admin.GetAsync(new Uri(log, UriKind.Relative), ct);
        using var plain = await admin.GetAsync(new Uri(log + "?ansi=false", UriKind.Relative), ct);
        using var followed = await admin.GetAsync(new Uri(log + "?follow=true&ansi=false", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, coloured.StatusCode);
        Assert.Equal("text/plain", coloured.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", coloured.Content.Headers.ContentType?.CharSet);
        Assert.Equal(ColouredLog, await coloured.Content.ReadAsStringAsync(ct));
        Assert.Equal("text/plain", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Initializing the backend...\nApply complete! é\n", await plain.Content.ReadAsStringAsync(ct));
        Assert.Equal("text/plain", followed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Initializing the backend...\nApply complete! é\n", await followed.Content.ReadAsStringAsync(ct));
    }

    private async Task<int> CreateJobAsync(StateTestWorkspace workspace, string? log, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var org = workspace.Organization;
        var ws = workspace.Name;
        var job = await server.Services.GetRequiredService<JobStore>().CreateAsync(
            new Job(org, ws, 0, JobStatus.Completed, "plan", "flow: []", "Api", "test", now, now, now, null, null, null, null, null, null, false, null),
            [new JobStep(0, 100, "plan", "terraformPlan", StepStatus.Completed, log is null ? null : "pending", now, now, null)],
            cancellationToken);
        if (log is not null)
        {
            var name = StepLog.NameFor(org, ws, job.Id, 100);
            await server.Services.GetRequiredService<JobStore>().UpdateStepAsync(org, ws, job.Id, 100, s => s with { LogBlob = name }, cancellationToken);
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(log));
            var container = server.Services.GetRequiredService<IStorageAccount>().Blobs.GetContainer(StepLog.Container);
            await container.CreateIfNotExistsAsync(cancellationToken);
            await container.UploadAsync(name, content, cancellationToken: cancellationToken);
        }

        return job.Id;
    }

    private static List<int> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetInt32()).ToList();

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
