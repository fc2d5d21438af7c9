using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Api.Tests.Infra.State;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>Jobs end to end: the durable queue and job orchestrations running the real terraform against the real state API.</summary>
public sealed partial class JobsTerraformTests(JobsApiServer server) : IClassFixture<JobsApiServer>
{
    private const string Config = """
        variable "label" {
          type    = string
          default = "one"
        }

        variable "delay" {
          type    = number
          default = 0
        }

        resource "terraform_data" "item" {
          input            = var.label
          triggers_replace = [var.label]

          provisioner "local-exec" {
            command = "sleep ${var.delay}"
          }
        }

        output "label" {
          value = terraform_data.item.output
        }
        """;

    [TerraformFact]
    public async Task Job_PlanApprovalApply_AppliesAfterApprovalAndRecordsOutputsAndState()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await EnsureTeamAsync(client, "TERRAFORM_CLI", ct);

        var job = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "terraform-plan-apply-cli" }, ct);
        var id = job.GetProperty("id").GetInt32();
        var waiting = await WaitForStatusAsync(client, org, ws, id, "waitingApproval", ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}/approve", null, ct);
        var done = await JobsApiCalls.WaitForFinalAsync(client, org, ws, id, ct);
        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/{ws}/state/versions", ct);

        Assert.Equal("TERRAFORM_CLI", waiting.GetProperty("approvalTeam").GetString());
        Assert.True(waiting.GetProperty("planChanges").GetBoolean());
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("one", done.GetProperty("outputs").GetProperty("label").GetProperty("value").GetString());
        Assert.All(done.GetProperty("steps").EnumerateArray(), s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        Assert.True(versions.GetProperty("items").GetArrayLength() >= 1);
        Assert.Equal(1, done.GetProperty("stateVersion").GetInt32());
    }

    [TerraformFact]
    public async Task Approve_ByAnApproverOutsideTheApprovalTeam_IsRefused()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await EnsureTeamAsync(client, "TERRAFORM_CLI", ct);
        var user = "approver-" + Guid.NewGuid().ToString("N")[..8];
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/users", new { name = user }, ct);
        var token = (await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/users/{user}/tokens", new { name = "t" }, ct)).GetProperty("secret").GetString();
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/grants", new { principal = $"user:{user}", role = "job-approver", scope = $"workspace:{org}/{ws}" }, ct);
        using var outsider = server.Client(token);

        var job = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "terraform-plan-apply-cli" }, ct);
        var id = job.GetProperty("id").GetInt32();
        await WaitForStatusAsync(client, org, ws, id, "waitingApproval", ct);
        using var refused = await outsider.PostAsync(new Uri($"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}/approve", UriKind.Relative), null, ct);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}/cancel", null, ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("TERRAFORM_CLI", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [TerraformFact]
    public async Task Approve_TerraformCliJobByAMemberAddedThroughTheLowerCaseName_Applies()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await EnsureTeamAsync(client, "TERRAFORM_CLI", ct);
        var user = "member-" + Guid.NewGuid().ToString("N")[..8];
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/users", new { name = user }, ct);
        var token = (await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/users/{user}/tokens", new { name = "t" }, ct)).GetProperty("secret").GetString();
        await JobsApiCalls.SendAsync(client, HttpMethod.Put, $"/api/v1/teams/terraform_cli/members/{user}", null, ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/grants", new { principal = $"user:{user}", role = "job-approver", scope = $"workspace:{org}/{ws}" }, ct);
        using var member = server.Client(token);

        var job = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "terraform-plan-apply-cli" }, ct);
        var id = job.GetProperty("id").GetInt32();
        var waiting = await WaitForStatusAsync(client, org, ws, id, "waitingApproval", ct);
        using var approved = await member.PostAsync(new Uri($"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}/approve", UriKind.Relative), null, ct);
        var done = await JobsApiCalls.WaitForFinalAsync(client, org, ws, id, ct);

        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync(ct));
        Assert.Equal("TERRAFORM_CLI", waiting.GetProperty("approvalTeam").GetString());
        Assert.Equal("completed", done.GetProperty("status").GetString());
    }

    [TerraformFact]
    public async Task Job_PlanWithNothingToChange_EndsNoChanges()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        var applied = await JobsApiCalls.RunAsync(client, org, ws, "plan-and-apply", ct);

        var planned = await JobsApiCalls.RunAsync(client, org, ws, "plan", ct);

        Assert.Equal("completed", applied.GetProperty("status").GetString());
        Assert.Equal("noChanges", planned.GetProperty("status").GetString());
        Assert.False(planned.GetProperty("planChanges").GetBoolean());
    }

    [TerraformFact]
    public async Task Job_PlanOfABrokenConfiguration_FailsAndLogsTheError()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, "resource \"terraform_data\" \"x\" { input = undefined_thing }\n", ct);

        var job = await JobsApiCalls.RunAsync(client, org, ws, "plan-and-apply", ct);
        var steps = job.GetProperty("steps").EnumerateArray().ToList();
        var log = await client.GetStringAsync(new Uri(steps[0].GetProperty("log").GetString()!, UriKind.Relative), ct);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("failed", steps[0].GetProperty("status").GetString());
        Assert.Equal("notExecuted", steps[1].GetProperty("status").GetString());
        Assert.Contains("terraform init", log, StringComparison.Ordinal);
    }

    [TerraformFact]
    public async Task Job_Rejected_EndsRejectedWithoutApplying()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await EnsureTeamAsync(client, "TERRAFORM_CLI", ct);

        var job = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "terraform-plan-apply-cli" }, ct);
        var id = job.GetProperty("id").GetInt32();
        await WaitForStatusAsync(client, org, ws, id, "waitingApproval", ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}/reject", null, ct);
        var done = await JobsApiCalls.WaitForFinalAsync(client, org, ws, id, ct);

        Assert.Equal("rejected", done.GetProperty("status").GetString());
        Assert.Equal("notExecuted", done.GetProperty("steps")[2].GetProperty("status").GetString());
    }

    [TerraformFact]
    public async Task Job_CancelledDuringApply_StopsTerraformAndEndsCancelled()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var marker = $"stratus-cancel-{Guid.NewGuid():N}";
        // A second command keeps the shell (and the marker on its command line) alive: a lone command with a comment is
        // exec'd by the sandbox's busybox sh, and the marker would vanish with the comment.
        var config = Config.Replace("sleep ${var.delay}", $"sleep 120; echo {marker}", StringComparison.Ordinal);
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, config, ct);

        var job = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "plan-and-apply" }, ct);
        var id = job.GetProperty("id").GetInt32();
        await Poll.UntilAsync(() => ProcessWithMarkerRuns(marker), "terraform's sleep runs", ct);

        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}/cancel", null, ct);
        var done = await JobsApiCalls.WaitForFinalAsync(client, org, ws, id, ct);

        Assert.Equal("cancelled", done.GetProperty("status").GetString());
        Assert.False(ProcessWithMarkerRuns(marker), "The apply's processes still run after the cancel.");
    }

    [TerraformFact]
    public async Task Jobs_TwoOnOneWorkspace_RunOneAfterTheOther()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config.Replace("default = 0", "default = 2", StringComparison.Ordinal), ct);

        var first = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "plan-and-apply" }, ct);
        var second = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "plan" }, ct);
        var firstDone = await JobsApiCalls.WaitForFinalAsync(client, org, ws, first.GetProperty("id").GetInt32(), ct);
        var secondDone = await JobsApiCalls.WaitForFinalAsync(client, org, ws, second.GetProperty("id").GetInt32(), ct);

        Assert.Equal("completed", firstDone.GetProperty("status").GetString());
        Assert.Equal("noChanges", secondDone.GetProperty("status").GetString());
        Assert.True(secondDone.GetProperty("startedAt").GetDateTimeOffset() >= firstDone.GetProperty("finishedAt").GetDateTimeOffset());
    }

    [TerraformFact]
    public async Task Job_WithASensitiveVariable_NeverShowsItInResponsesLogsOrStorage()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
        var config = "variable \"secret\" { type = string }\n" +
            "resource \"terraform_data\" \"x\" {\n  provisioner \"local-exec\" {\n    command = \"echo token=${var.secret}\"\n  }\n}\n" +
            "output \"done\" { value = \"ok\" }\n";
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, config, ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/variables", new { key = "secret", value = secret, sensitive = true }, ct);

        var job = await JobsApiCalls.RunAsync(client, org, ws, "plan-and-apply", ct);
        var texts = new List<string> { job.ToString() };
        foreach (var step in job.GetProperty("steps").EnumerateArray())
        {
            texts.Add(await client.GetStringAsync(new Uri(step.GetProperty("log").GetString()!, UriKind.Relative), ct));
        }

        texts.Add(await client.GetStringAsync(new Uri($"/api/v1/organizations/{org}/workspaces/{ws}/variables", UriKind.Relative), ct));
        texts.Add(await client.GetStringAsync(new Uri($"/api/v1/organizations/{org}/workspaces/{ws}/variables/resolved", UriKind.Relative), ct));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Contains("token=***", texts[2], StringComparison.Ordinal);
        Assert.All(texts, t => Assert.DoesNotContain(secret, t, StringComparison.Ordinal));
        Assert.Empty(server.FilesContaining(secret));
    }

    [TerraformFact]
    public async Task Job_TemplateCommands_RunBeforeAfterScriptsWithInputsAndOnFailure()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/globals", new { key = "GREETING_GLOBAL", value = "hello-from-global", category = "ENV" }, ct);
        const string Tcl = """
            flow:
            - type: terraformPlan
              step: 100
              commands:
              - runtime: BASH
                priority: 100
                before: true
                script: echo before-marker
              - runtime: BASH
                priority: 200
                after: true
                script: echo after-marker
            - type: customScripts
              step: 200
              inputsEnv:
                GREETING: $GREETING_GLOBAL
              commands:
              - runtime: BASH
                priority: 100
                script: echo "custom-$GREETING"; exit 3
              onFailure:
              - runtime: BASH
                priority: 100
                script: echo cleanup-marker
            - type: terraformApply
              step: 300
            """;
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/templates", new { name = "scripted", tcl = Tcl }, ct);

        var job = await JobsApiCalls.RunAsync(client, org, ws, "scripted", ct);
        var steps = job.GetProperty("steps").EnumerateArray().ToList();
        var planLog = await client.GetStringAsync(new Uri(steps[0].GetProperty("log").GetString()!, UriKind.Relative), ct);
        var scriptLog = await client.GetStringAsync(new Uri(steps[1].GetProperty("log").GetString()!, UriKind.Relative), ct);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.True(planLog.IndexOf("before-marker", StringComparison.Ordinal) < planLog.IndexOf("terraform plan", StringComparison.Ordinal));
        Assert.True(planLog.IndexOf("after-marker", StringComparison.Ordinal) > planLog.IndexOf("terraform plan", StringComparison.Ordinal));
        Assert.Contains("custom-hello-from-global", scriptLog, StringComparison.Ordinal);
        Assert.Contains("cleanup-marker", scriptLog, StringComparison.Ordinal);
        Assert.Equal(["completed", "failed", "notExecuted"], steps.Select(st => st.GetProperty("status").GetString()));
    }

    [TerraformFact]
    public async Task Job_RejectedWithOnRejectCommands_RunsThem()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await EnsureTeamAsync(client, "terraform-cli", ct);
        const string Tcl = """
            flow:
            - type: terraformPlan
              step: 100
            - type: approval
              step: 150
              team: terraform-cli
              onReject:
              - runtime: BASH
                priority: 100
                script: echo reject-marker
            - type: terraformApply
              step: 200
            """;
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/templates", new { name = "rejectable", tcl = Tcl }, ct);

        var created = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "rejectable" }, ct);
        var id = created.GetProperty("id").GetInt32();
        await WaitForStatusAsync(client, org, ws, id, "waitingApproval", ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}/reject", null, ct);
        var done = await JobsApiCalls.WaitForFinalAsync(client, org, ws, id, ct);
        var approvalLog = await client.GetStringAsync(new Uri(done.GetProperty("steps")[1].GetProperty("log").GetString()!, UriKind.Relative), ct);

        Assert.Equal("rejected", done.GetProperty("status").GetString());
        Assert.Contains("reject-marker", approvalLog, StringComparison.Ordinal);
    }

    [TerraformFact]
    public async Task StepLog_Followed_StreamsUntilTheStepEnds()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config.Replace("default = 0", "default = 2", StringComparison.Ordinal), ct);
        var job = await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template = "plan-and-apply" }, ct);
        var id = job.GetProperty("id").GetInt32();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}/steps/200/log?follow=true");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lines.Add(line);
        }

        var done = await JobsApiCalls.WaitForFinalAsync(client, org, ws, id, ct);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Contains(lines, l => l.Contains("Apply complete", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("terraform apply", StringComparison.Ordinal));
    }

    private static bool ProcessWithMarkerRuns(string marker)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains(marker, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return false;
    }

    private static async Task EnsureTeamAsync(HttpClient client, string team, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/teams", new { name = team }, cancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string org, string ws, int id, string status, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}", cancellationToken);
            var current = job.GetProperty("status").GetString();
            if (current == status)
            {
                return job;
            }

            Assert.False(current is "completed" or "failed" or "cancelled" or "rejected" or "noChanges", $"Job {id} ended {current} while waiting for {status}: {job}");
            await Task.Delay(200, cancellationToken);
        }
    }
}
