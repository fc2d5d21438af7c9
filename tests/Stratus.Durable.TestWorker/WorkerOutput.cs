namespace Stratus.Durable.TestWorker;

/// <summary>What the worker prints on standard output for the process that started it.</summary>
internal static class WorkerOutput
{
    /// <summary>Printed, followed by the worker id, once the worker polls its queues.</summary>
    public const string Ready = "ready";
}
