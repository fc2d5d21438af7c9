namespace Stratus.Storage.Queues;

public interface IQueueService
{
    /// <summary>A client for one queue. The name is validated here (3–63 lower-case letters, digits and hyphens).</summary>
    IQueueClient GetQueue(string name);
}
