using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Api.Tests.Apps.Pipeline;
using Stratus.Api.Tests.Infra.State;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>
/// The standalone host dies (SIGKILL, with everything it started but the step sandboxes) at a random point of a
/// plan-and-apply job, or while a job waits for approval; another host on the same data folder must bring every job to
/// a final state, leave no state lock held, and keep the state whole: an apply that was running completes in its
/// sandbox and its state is saved.
/// </summary>
public sealed class JobHostKillTests
{
    private const string Config = """
        resource "terraform_data" "item" {
          input = "survived"
          provisioner "local-exec" {
            command = "sleep 3"
          }
        }

        output "label" {
          value = terraform_data.item.output
        }
        """;

    [TerraformFact]
    public async Task PlanAndApply_HostKilledAtRandomPoints_EveryJobEndsNoLockHeldStateSaved()
    {
        for (var round = 0; round < 3; round++)
        {
            // Spread the kills over init, plan, apply (the sleep) and the collection after it.
            var killAfter = TimeSpan.FromMilliseconds(Random.Shared.Next(500, 9000));
            await RunRoundAsync(async (api, org, ws, ct) =>
            {
                var id = await CreateJobAsync(api, org, ws, "plan-and-apply", ct);
                await Task.Delay(killAfter, ct);
                return id;
            }, approve: false, $"round {round}, kill after {killAfter.TotalMilliseconds} ms");
        }
    }

    [TerraformFact]
    public async Task Approval_HostKilledWhileWaiting_ApprovedJobAppliesAfterTheRestart()
    {
        for (var round = 0; round < 3; round++)
        {
            var killAfter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1500));
            await RunRoundAsync(async (api, org, ws, ct) =>
            {
                using (var team = await api.PostAsJsonAsync("/api/v1/teams", new { name = "TERRAFORM_CLI" }, ct))
                {
                    Assert.True(team.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
                }

                var id = await CreateJobAsync(api, org, ws, "terraform-plan-apply-cli", ct);
                await Poll.UntilAsync(async () => (await JobAsync(api, org, ws, id, ct)).GetProperty("status").GetString() == "waitingApproval", "the job waits for approval", ct);
                await Task.Delay(killAfter, ct);
                return id;
            }, approve: true, $"approval round {round}");
        }
    }

    private static async Task RunRoundAsync(Func<HttpClient, string, string, CancellationToken, Task<int>> beforeKill, bool approve, string round)
    {
        var ct = TestTimeout.Token(300);
        var data = Directory.CreateTempSubdirectory("stratus-job-kill-").FullName;
        var containers = Environment.GetEnvironmentVariable("STRATUS_TEST_CONTAINERS_DIR") is { Length: > 0 } shared ? shared : Path.Combine(data, "containers");
        var token = Stratus.Identity.Tokens.TokenSecrets.Create(Stratus.Identity.Tokens.TokenKind.Personal);
        var work = Path.Combine(data, "work");
        var org = "kill-" + Guid.NewGuid().ToString("N")[..8];
        const string Ws = "main";
        HostProcess? first = null;
        HostProcess? second = null;
        try
        {
            var port = FreePort.Next();
            var settings = new Dictionary<string, string>
            {
                ["Stratus__Infra__Jobs__WorkRoot"] = work,
                ["Stratus__Infra__Jobs__Sandbox__StopGracePeriod"] = "00:00:05",
            };
            // The restarted host listens where the first did, as a deployment's API URL stays put: the steps that
            // outlive the kill call it back for state and locks.
            first = await HostProcess.StartAsync(data, containers, "127.0.0.1:1", token, ct, settings, port);
            int id;
            using (var api = first.Client())
            {
                await SetUpAsync(api, org, Ws, ct);
                id = await beforeKill(api, org, Ws, ct);
            }

            first.Kill();
            second = await HostProcess.StartAsync(data, containers, "127.0.0.1:1", token, ct, settings, port);
            using var recovered = second.Client();
            if (approve)
            {
                using var decision = await recovered.PostAsync(new Uri($"/api/v1/organizations/{org}/workspaces/{Ws}/jobs/{id}/approve", UriKind.Relative), null, ct);
                Assert.True(decision.IsSuccessStatusCode, $"{round}: approve answered {(int)decision.StatusCode}: {await decision.Content.ReadAsStringAsync(ct)}");
            }

            var done = await Poll.UntilAsync(
                () => JobAsync(recovered, org, Ws, id, ct),
                j => j.GetProperty("status").GetString() is "completed" or "failed" or "cancelled" or "rejected" or "noChanges" or "notExecuted",
                $"{round}: job {id} ends",
                ct);
            var status = done.GetProperty("status").GetString();
            using var held = await recovered.GetAsync(new Uri($"/api/v1/organizations/{org}/workspaces/{Ws}/state/lock", UriKind.Relative), ct);
            var versions = await recovered.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/{Ws}/state/versions", ct);

            Assert.True(status is "completed" or "failed", $"{round}: job ended {status}: {done}");
            Assert.True(held.StatusCode == HttpStatusCode.NotFound, $"{round}: the state lock is still held: {await held.Content.ReadAsStringAsync(ct)}\njob: {done}");
            if (status == "completed")
            {
                Assert.Equal("survived", done.GetProperty("outputs").GetProperty("label").GetProperty("value").GetString());
                Assert.True(versions.GetProperty("items").GetArrayLength() >= 1, $"{round}: the apply's state was not saved");
                var state = await recovered.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/{Ws}/state", ct);
                Assert.Equal("survived", state.GetProperty("outputs").GetProperty("label").GetProperty("value").GetString());
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(done.GetProperty("reason").GetString()), $"{round}: failed without a reason: {done}");
            }

            await Poll.UntilAsync(() => !Directory.Exists(work) || !Directory.EnumerateFileSystemEntries(work).Any(), $"{round}: the step working directories are removed", ct);
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // vfs layers under a private containers folder may be read-only; a leftover temp folder is harmless.
            }
        }
    }

    private static async Task SetUpAsync(HttpClient api, string org, string ws, CancellationToken ct)
    {
        (await api.PostAsJsonAsync("/api/v1/organizations", new { name = org }, ct)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/organizations/{org}/workspaces", new { name = ws }, ct)).EnsureSuccessStatusCode();
        using var content = new ByteArrayContent(TarGz.Create(("main.tf", Config)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        using var upload = await api.PutAsync(new Uri($"/api/v1/organizations/{org}/workspaces/{ws}/source", UriKind.Relative), content, ct);
        upload.EnsureSuccessStatusCode();
    }

    private static async Task<int> CreateJobAsync(HttpClient api, string org, string ws, string template, CancellationToken ct)
    {
        using var created = await api.PostAsJsonAsync($"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template }, ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt32();
    }

    private static Task<JsonElement> JobAsync(HttpClient api, string org, string ws, int id, CancellationToken ct) =>
        api.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}", ct);
}
