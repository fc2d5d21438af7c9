using Microsoft.DurableTask;
using Stratus.Orchestrations.Apps;
using Stratus.Orchestrations.Tests.Hosting;

namespace Stratus.Orchestrations.Tests.Apps;

/// <summary>
/// Stand-ins for the app pipeline's activities, registered under the real activities' names: each records its call
/// and answers from its script. No registry, builder or cluster is touched. Scripts are set before the host starts.
/// </summary>
internal sealed class AppActivityFakes
{
    public ActivityLog Log { get; } = new();

    public Func<AppOperationInput, BuildOutcome> Build { get; set; } = _ => new BuildOutcome(Succeeded: true, Canceled: false, Version: 1, Error: null);

    /// <summary>By default the rollout succeeds and the version it was given (or 1) is serving.</summary>
    public Func<RolloutInput, RolloutOutcome> Rollout { get; set; } = input => new RolloutOutcome(Succeeded: true, input.Version ?? 1, Error: null);

    public void Register(DurableTaskRegistry tasks)
    {
        tasks.AddActivityFunc<AppOperationInput, BuildOutcome>(nameof(BuildAppActivity), (context, input) => Answer(context, input, Build));
        tasks.AddActivityFunc<RolloutInput, RolloutOutcome>(nameof(RolloutAppActivity), (context, input) => Answer(context, input, Rollout));
        tasks.AddActivityFunc<RolloutInput, bool>(nameof(RouteAppActivity), (context, input) => Answer(context, input, _ => true));
        tasks.AddActivityFunc<FinishInput, bool>(nameof(FinishAppOperationActivity), (context, input) => Answer(context, input, _ => true));
    }

    private TOut Answer<TIn, TOut>(TaskActivityContext context, TIn input, Func<TIn, TOut> script)
    {
        Log.Record(context, input);
        return script(input);
    }
}
