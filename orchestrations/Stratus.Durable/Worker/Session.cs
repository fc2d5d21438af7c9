using Stratus.Durable.Replay;
using Stratus.Durable.Storage;

namespace Stratus.Durable.Worker;

/// <summary>
/// An instance kept in memory after its checkpoint: the sentinel state it wrote and, while running, the live
/// executor. Valid only while the sentinel's ETag is unchanged; the next checkpoint proves or disproves that.
/// </summary>
internal sealed record Session(InstanceState State, OrchestrationExecutor? Executor);
