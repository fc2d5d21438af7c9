using System.Net.Http.Headers;
using System.Globalization;
using System.Text.Json;
using Stratus.Cli.Api;
using Stratus.Cli.Commands.Apps;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// A job's step logs: printed whole, or followed live step after step until the job ends. A log is plain text (ANSI
/// colours kept unless <c>--no-color</c>, which asks the API for <c>?ansi=false</c>); an API that answers a finished
/// log as a JSON string is read too. With <c>--output json</c> logs go to standard error, so standard output carries
/// only the job's JSON.
/// </summary>
internal sealed class JobLog(CommandCall call, AppHttp http, WorkspaceScope scope, bool noColor)
{
    private static readonly TimeSpan EndPoll = TimeSpan.FromSeconds(1);

    private TextWriter Writer => call.Output.IsJson ? call.Context.Environment.Error : call.Context.Environment.Out;

    /// <summary>Prints the logs of the steps that have one (or only <paramref name="step"/>), as they are now.</summary>
    public async Task PrintAsync(int jobId, int? step, CancellationToken cancellationToken)
    {
        var job = await GetJobAsync(jobId, cancellationToken);
        var steps = Steps(job).Where(s => step is null || s.Number == step).ToList();
        if (step is not null && steps.Count == 0)
        {
            throw new CliException($"Job {jobId} has no step {step}.", $"Its steps: {string.Join(", ", Steps(job).Select(s => s.Number))}.");
        }

        if (!steps.Any(s => s.Log is not null))
        {
            call.Output.Info($"Job {jobId} ({job.Status}) has no logs yet; add --follow to wait for them.");
        }

        foreach (var s in steps.Where(s => s.Log is not null))
        {
            Header(s);
            using var response = await http.GetAsync(LogPath(jobId, s.Number ?? 0, follow: false), "text/plain", cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            Write(IsJson(response.Content.Headers.ContentType) ? JsonSerializer.Deserialize<string>(text) ?? "" : text);
        }
    }

    /// <summary>Prints every step's log as it is written, waits through approvals, and returns the job once it has ended.</summary>
    public async Task<ApiResult<JobResponse>> FollowAsync(int jobId, CancellationToken cancellationToken)
    {
        var job = await GetJobAsync(jobId, cancellationToken);
        foreach (var number in Steps(job).Select(s => s.Number ?? 0).ToList())
        {
            job = await GetJobAsync(jobId, cancellationToken);
            var step = Steps(job).First(s => s.Number == number);
            if (step.Type == "approval")
            {
                await FollowApprovalAsync(jobId, job, step, cancellationToken);
                continue;
            }

            if (JobStatuses.IsStepFinal(step.Status) && step.Log is null)
            {
                continue;
            }

            Header(step);
            await StreamAsync(jobId, number, cancellationToken);
        }

        // The last step can end a moment before the job records its final status.
        while (true)
        {
            var current = await call.Client.Call((c, ct) => scope.In(call, c).Jobs[jobId].GetAsync(cancellationToken: ct), cancellationToken);
            if (JobStatuses.IsFinal(current.Value.Status))
            {
                return current;
            }

            await Task.Delay(EndPoll, cancellationToken);
        }
    }

    /// <summary>Says who the job waits for, waits for the decision, and says who made it (also when it was made already).</summary>
    private async Task FollowApprovalAsync(int jobId, JobResponse job, JobStepResponse step, CancellationToken cancellationToken)
    {
        if (!JobStatuses.IsStepFinal(step.Status))
        {
            call.Output.Info($"Job {jobId} waits for approval by team {job.ApprovalTeam ?? "(any)"}: 'stratus job approve {jobId} --org {scope.Organization(call)} -w {scope.Workspace(call)}' (or reject).");

            // An approval step has no log: following it returns once it is decided.
            await StreamAsync(jobId, step.Number ?? 0, cancellationToken);
            job = await GetJobAsync(jobId, cancellationToken);
            step = Steps(job).First(s => s.Number == step.Number);
        }

        if (JobStatuses.IsStepFinal(step.Status))
        {
            // "Approved by user:alice", "Rejected by …" as the job recorded it.
            call.Output.Info($"Job {jobId}: {step.Reason ?? step.Status}.");
        }
    }

    /// <summary>Prints a step's log as it is written, until the step (or the job) ends.</summary>
    private async Task StreamAsync(int jobId, int step, CancellationToken cancellationToken)
    {
        await foreach (var line in http.ReadLinesAsync(LogPath(jobId, step, follow: true), cancellationToken))
        {
            Writer.WriteLine(line);
            Writer.Flush();
        }
    }

    private static IEnumerable<JobStepResponse> Steps(JobResponse job) => (job.Steps ?? []).OrderBy(s => s.Number);

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal));

    private async Task<JobResponse> GetJobAsync(int jobId, CancellationToken cancellationToken) =>
        (await call.Client.Call((c, ct) => scope.In(call, c).Jobs[jobId].GetAsync(cancellationToken: ct), cancellationToken)).Value;

    private string LogPath(int jobId, int step, bool follow) => ApiPath.WithQuery(
        scope.Path(call, "jobs", jobId.ToString(CultureInfo.InvariantCulture), "steps", step.ToString(CultureInfo.InvariantCulture), "log"),
        ("follow", follow ? "true" : null),
        ("ansi", noColor ? "false" : null));

    private void Header(JobStepResponse step)
    {
        Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"── step {step.Number}: {step.Name} ({step.Type}) ──"));
        Writer.Flush();
    }

    private void Write(string text)
    {
        Writer.Write(text);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            Writer.WriteLine();
        }

        Writer.Flush();
    }
}
