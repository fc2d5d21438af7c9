using System.Text.Json;
using Stratus.Api.Tests.Infra.State;
using Stratus.Processes;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>Terrakube's script world in real jobs: GROOVY, importComands, inputsEnv, the plan's name, plain variable names.</summary>
public sealed partial class JobsTerraformTests
{
    [TerraformGroovyFact]
    public async Task Job_TerrakubeScripts_GroovyAndBashSeeTerrakubesVariablesAndPlan()
    {
        var ct = TestTimeout.Token(240);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/variables", new { key = "label", value = "plain-two", category = "TERRAFORM" }, ct);
        const string Tcl = """
            flow:
            - type: terraformPlan
              step: 100
              commands:
              - runtime: GROOVY
                priority: 100
                after: true
                script: |
                  println "groovy-sees ${new File(workingDirectory, 'main.tf').exists()} job-${jobId}"
                  terrakubeOutput.write("groovy-output ${label}".getBytes())
              - runtime: BASH
                priority: 200
                after: true
                script: |
                  false
                  test -f "$workingDirectory/terraformLibrary.tfPlan" && echo "plan-at-terrakube-name"
                  echo "bash-sees label=$label tf=$TF_VAR_label"
            """;
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/templates", new { name = "terrakube-scripts", tcl = Tcl }, ct);

        var job = await JobsApiCalls.RunAsync(client, org, ws, "terrakube-scripts", ct);
        var log = await StepLogAsync(client, job, 0, ct);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Contains($"groovy-sees true job-{job.GetProperty("id").GetInt32()}", log, StringComparison.Ordinal);
        Assert.Contains("groovy-output plain-two", log, StringComparison.Ordinal);
        Assert.Contains("plan-at-terrakube-name", log, StringComparison.Ordinal);
        Assert.Contains("bash-sees label=plain-two tf=plain-two", log, StringComparison.Ordinal);
    }

    [TerraformFact]
    public async Task Job_RequireSavedPlanWithoutAPlan_FailsTheApplySayingWhyAndAppliesNothing()
    {
        var ct = TestTimeout.Token(120);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        const string Tcl = """
            flow:
            - type: terraformApply
              step: 100
              requireSavedPlan: true
            """;
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/templates", new { name = "apply-saved-only", tcl = Tcl }, ct);

        var job = await JobsApiCalls.RunAsync(client, org, ws, "apply-saved-only", ct);
        var log = await StepLogAsync(client, job, 0, ct);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("requireSavedPlan", log, StringComparison.Ordinal);
        Assert.DoesNotContain("terraform apply", log, StringComparison.Ordinal);
    }

    [TerraformFact]
    public async Task Job_ImportComandsWithInputsEnv_RunsImportedScriptsWithOnlyMappedGlobals()
    {
        var ct = TestTimeout.Token(180);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/globals", new { key = "IMPORT1", value = "mapped-value", category = "ENV" }, ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/globals", new { key = "UNMAPPED", value = "leaked-value", category = "ENV" }, ct);
        var root = Directory.CreateTempSubdirectory("stratus-import-repo-").FullName;
        try
        {
            var repository = await CreateCommandsRepositoryAsync(root, """
                commands:
                - runtime: BASH
                  priority: 100
                  script: |
                    echo "imported input=$INPUT_IMPORT1 unmapped=[${UNMAPPED:-absent}] in $workspaceId"
                """, ct);
            var tcl = $"""
                flow:
                - type: customScripts
                  step: 100
                  importComands:
                    repository: "file://{repository}"
                    branch: main
                    folder: templates/demo
                    inputsEnv:
                      INPUT_IMPORT1: $IMPORT1
                - type: customScripts
                  step: 200
                  importComands:
                    repository: "file://{repository}"
                    branch: no-such-branch
                    folder: templates/demo
                """;
            await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/templates", new { name = "imported", tcl }, ct);

            var job = await JobsApiCalls.RunAsync(client, org, ws, "imported", ct);
            var imported = await StepLogAsync(client, job, 0, ct);
            var failed = await StepLogAsync(client, job, 1, ct);

            Assert.Contains($"imported input=mapped-value unmapped=[absent] in {ws}", imported, StringComparison.Ordinal);
            Assert.Equal("failed", job.GetProperty("status").GetString());
            Assert.Contains("importComands: fetching", failed, StringComparison.Ordinal);
            Assert.Contains("no-such-branch", failed, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<string> StepLogAsync(HttpClient client, JsonElement job, int index, CancellationToken ct)
    {
        var step = job.GetProperty("steps").EnumerateArray().ElementAt(index);
        return await client.GetStringAsync(new Uri(step.GetProperty("log").GetString()!, UriKind.Relative), ct);
    }

    /// <summary>A git repository on disk whose branch main holds templates/demo/commands.yaml.</summary>
    private static async Task<string> CreateCommandsRepositoryAsync(string root, string commands, CancellationToken ct)
    {
        var repository = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repository, "templates", "demo"));
        await File.WriteAllTextAsync(Path.Combine(repository, "templates", "demo", "commands.yaml"), commands, ct);
        string[][] steps = [["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "commands"]];
        foreach (var arguments in steps)
        {
            Assert.Equal(0, await ProcessRunner.RunAsync(new ProcessSpec("git", arguments, repository), _ => { }, ct));
        }

        return repository;
    }
}
