using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stratus.Api.Infra.Jobs;
using Stratus.Api.Triggers;
using Stratus.Infra.Jobs;
using Stratus.Infra.Vcs;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// Acts on the VCS queue. A delivery starts, for each workspace linked to the repository whose filters match, the
/// link's template (a push) or a speculative plan (a pull/merge request); a report sends a finished speculative plan's
/// result back as a commit status and a comment. Each delivery is handled once: its id is recorded once handled, and
/// jobs are created with a once-key from it, so a retry after a crash between the two creates no second job. A message
/// that keeps failing (unreadable payload, provider API down) throws each time and ends in the poison queue.
/// </summary>
internal sealed partial class VcsQueueFunction(
    VcsStore store,
    JobFactory jobFactory,
    JobStore jobs,
    SecretProtector protector,
    VcsProviderClient provider,
    VcsSpeculativeSummary summaries,
    TimeProvider time,
    ILogger<VcsQueueFunction> logger) : IQueueFunction
{
    public const string Name = "vcs";

    /// <summary>The organization template a speculative plan runs; seeded into every organization, and plan-only.</summary>
    public const string SpeculativeTemplate = "plan";

    public const string Via = "VCS";

    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        VcsQueueMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(invocation.MessageText, VcsJsonContext.Default.VcsQueueMessage);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Message {invocation.MessageId} on {invocation.QueueName} is not a VCS message: {ex.Message}", ex);
        }

        switch (message)
        {
            case { Kind: VcsQueueMessage.Delivery, Connection: { } c, Event: { } e, DeliveryId: { } d, Payload: { } p }:
                await HandleDeliveryAsync(message.Organization, c, e, d, p, cancellationToken);
                break;
            case { Kind: VcsQueueMessage.Report, Workspace: { } w }:
                await ReportAsync(message.Organization, w, message.JobId, cancellationToken);
                break;
            default:
                throw new InvalidDataException($"Message {invocation.MessageId} on {invocation.QueueName} is neither a complete delivery nor a report.");
        }
    }

    private async Task HandleDeliveryAsync(string organization, string connectionId, string eventName, string deliveryId, string payload, CancellationToken cancellationToken)
    {
        if (await store.GetConnectionAsync(organization, connectionId, cancellationToken) is not { } connection)
        {
            LogNoConnection(logger, deliveryId, organization, connectionId);
            return;
        }

        if (await store.IsDeliveryHandledAsync(organization, connectionId, deliveryId, cancellationToken))
        {
            LogDuplicate(logger, deliveryId, organization, connectionId);
            return;
        }

        var vcsEvent = VcsPayloadParser.Parse(connection.Provider, eventName, payload);
        if (vcsEvent.Kind != VcsEventKind.Ignored)
        {
            foreach (var link in await store.LinksToAsync(organization, connectionId, vcsEvent.Repository, cancellationToken))
            {
                await StartAsync(connection, link, vcsEvent, deliveryId, cancellationToken);
            }
        }

        await store.MarkDeliveryHandledAsync(organization, connectionId, deliveryId, eventName, time.GetUtcNow(), cancellationToken);
    }

    private async Task StartAsync(VcsConnection connection, VcsLink link, VcsEvent vcsEvent, string deliveryId, CancellationToken cancellationToken)
    {
        var push = vcsEvent.Kind == VcsEventKind.Push;
        if (!VcsFilters.BranchMatches(link.Branches, vcsEvent.Branch)
            || push && !VcsFilters.PathsMatch(link.Folders, vcsEvent.ChangedPaths)
            || !push && !link.SpeculativePlans)
        {
            LogUnmatched(logger, vcsEvent.Kind, vcsEvent.Branch, link.Organization, link.Workspace);
            return;
        }

        var shortSha = vcsEvent.Sha.Length > 12 ? vcsEvent.Sha[..12] : vcsEvent.Sha;
        var comments = push
            ? $"Push of {shortSha} to {vcsEvent.Repository}@{vcsEvent.Branch}"
            : $"Speculative plan of {shortSha} for pull request #{vcsEvent.PullRequest} of {vcsEvent.Repository}";
        var created = await jobFactory.CreateAsync(
            link.Organization,
            link.Workspace,
            push ? link.Template : SpeculativeTemplate,
            Via,
            $"vcs:{connection.Id}",
            comments,
            OnceKey(deliveryId),
            changes => Task.FromResult(!push && changes ? $"Template '{SpeculativeTemplate}' applies or destroys; a speculative plan only plans." : null),
            cancellationToken);
        if (created.Problem is { } problem)
        {
            // A link whose template was removed cannot be fixed by retrying; the workspace owner has to fix the link.
            LogNotStarted(logger, link.Organization, link.Workspace, problem);
            return;
        }

        if (created.Job is not { } job)
        {
            return;
        }

        LogStarted(logger, job.Id, link.Organization, link.Workspace, vcsEvent.Kind, shortSha);
        if (!push)
        {
            var run = new VcsSpeculativeRun(link.Organization, link.Workspace, job.Id, connection.Id, vcsEvent.Repository, vcsEvent.ProjectId, vcsEvent.PullRequest, vcsEvent.Sha);
            await store.AddSpeculativeRunAsync(run, cancellationToken);
            var token = protector.Unprotect(connection.ProtectedToken, connection.TokenContext);
            await provider.SetStatusAsync(connection, token, run, "pending", StatusContext(link.Workspace), $"Stratus job {job.Id} is planning.", cancellationToken);
        }
    }

    private async Task ReportAsync(string organization, string workspace, int jobId, CancellationToken cancellationToken)
    {
        if (await store.GetSpeculativeRunAsync(organization, workspace, jobId, cancellationToken) is not { } run
            || await store.GetConnectionAsync(organization, run.Connection, cancellationToken) is not { } connection
            || await jobs.GetAsync(organization, workspace, jobId, cancellationToken) is not { } job)
        {
            return;
        }

        var summary = await summaries.DescribeAsync(job, cancellationToken);
        var state = job.Status switch
        {
            JobStatus.Completed or JobStatus.NoChanges => "success",
            JobStatus.Failed => "failure",
            _ => "error",
        };
        var token = protector.Unprotect(connection.ProtectedToken, connection.TokenContext);
        await provider.SetStatusAsync(connection, token, run, state, StatusContext(workspace), summary.Headline, cancellationToken);
        await provider.CommentAsync(connection, token, run, summary.Comment, cancellationToken);
    }

    private static string StatusContext(string workspace) => $"stratus/{workspace}";

    /// <summary>A job once-key from the delivery id, hashed because a provider's id may hold characters a row key may not.</summary>
    private static string OnceKey(string deliveryId) => "vcs-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))[..32];

    [LoggerMessage(EventId = 8620, Level = LogLevel.Information, Message = "Delivery {DeliveryId} for {Organization}/{Connection}: the connection is gone, nothing to do")]
    private static partial void LogNoConnection(ILogger logger, string deliveryId, string organization, string connection);

    [LoggerMessage(EventId = 8621, Level = LogLevel.Information, Message = "Delivery {DeliveryId} for {Organization}/{Connection} was handled already")]
    private static partial void LogDuplicate(ILogger logger, string deliveryId, string organization, string connection);

    [LoggerMessage(EventId = 8622, Level = LogLevel.Debug, Message = "{Kind} on branch {Branch} does not match the filters of {Organization}/{Workspace}")]
    private static partial void LogUnmatched(ILogger logger, VcsEventKind kind, string branch, string organization, string workspace);

    [LoggerMessage(EventId = 8623, Level = LogLevel.Warning, Message = "No job for {Organization}/{Workspace}: {Problem}")]
    private static partial void LogNotStarted(ILogger logger, string organization, string workspace, string problem);

    [LoggerMessage(EventId = 8624, Level = LogLevel.Information, Message = "Started job {JobId} on {Organization}/{Workspace} for a {Kind} of {Sha}")]
    private static partial void LogStarted(ILogger logger, int jobId, string organization, string workspace, VcsEventKind kind, string sha);
}
