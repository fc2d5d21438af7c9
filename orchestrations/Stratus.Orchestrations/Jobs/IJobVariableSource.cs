using Stratus.Infra.Execution;

namespace Stratus.Orchestrations.Jobs;

/// <summary>The variables a workspace's jobs get, with precedence applied and sensitive values decrypted.</summary>
public interface IJobVariableSource
{
    /// <exception cref="InvalidOperationException">A variable cannot be used (e.g. a sensitive one without a value); the message says which.</exception>
    Task<IReadOnlyList<ResolvedVariable>> ResolveAsync(string organization, string workspace, CancellationToken cancellationToken);
}
