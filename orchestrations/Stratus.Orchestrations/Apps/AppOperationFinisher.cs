using Microsoft.Extensions.Options;
using Stratus.Apps.Deploys;
using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Stratus.Apps.Versions;
using Stratus.Apps.Apps;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// The last step of every app operation, whatever happened before: closes the event, completes the deploy history
/// entry, prunes versions beyond the retention, and releases the app's lock. Every part is idempotent.
/// </summary>
public sealed class AppOperationFinisher(
    AppEventStore events,
    DeployStore deploys,
    AppVersionStore versions,
    AppStore apps,
    AppLockStore locks,
    IOptions<AppPipelineOptions> options)
{
    public async Task<bool> FinishAsync(FinishInput input, CancellationToken cancellationToken)
    {
        var operation = input.Operation;
        var error = input.Status == AppOperationOrchestrator.Succeeded ? null : input.Error ?? "The operation failed.";
        await events.AppendLogAsync(operation.EventId, [$"---- {input.Status}{(error is null ? "" : ": " + error)} ----"], cancellationToken);
        if (operation.Kind is AppOperationKinds.Deploy or AppOperationKinds.Rollback && await deploys.GetAsync(operation.EventId, cancellationToken) is not null)
        {
            var version = input.Version is { } number ? await versions.GetAsync(operation.App, number, cancellationToken) : null;
            await deploys.UpdateAsync(operation.EventId, d => d.Finished ? d : d with
            {
                Version = input.Version ?? d.Version,
                Image = version?.Image ?? d.Image,
                CanRollback = input.Status == AppOperationOrchestrator.Succeeded && version is not null,
            }, cancellationToken);
            await deploys.FinishAsync(operation.EventId, error, cancellationToken);
        }

        if (input.Status == AppOperationOrchestrator.Succeeded && operation.Kind == AppOperationKinds.Deploy
            && await apps.GetAsync(operation.App, cancellationToken) is { } app)
        {
            var prune = await versions.PlanPruneAsync(operation.App, options.Value.KeepVersions, app.CurrentVersion, cancellationToken);
            if (prune.Delete.Count > 0)
            {
                await versions.DeleteAsync(operation.App, prune.Delete.Select(v => v.Number), cancellationToken);
            }
        }

        await events.FinishAsync(operation.EventId, input.Status, error, cancellationToken);
        await locks.ReleaseAsync(operation.App, operation.EventId, cancellationToken);
        return true;
    }
}
