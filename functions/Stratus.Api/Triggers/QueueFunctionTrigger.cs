namespace Stratus.Api.Triggers;

/// <summary>
/// A queue function. <see cref="Connection"/> names the storage setting, as the trigger attribute does.
/// <see cref="ListenStandalone"/> is false when, standalone, something else already polls the queue (the durable
/// worker leases its control queues); the Functions host still fires the function in Azure.
/// </summary>
public sealed record QueueFunctionTrigger(string QueueName, string Connection = "AzureWebJobsStorage", bool ListenStandalone = true) : FunctionTrigger;
