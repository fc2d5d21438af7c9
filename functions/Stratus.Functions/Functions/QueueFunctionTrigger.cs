namespace Stratus.Functions.Functions;

/// <summary>A queue function. <see cref="Connection"/> names the storage setting, as in function.json.</summary>
public sealed record QueueFunctionTrigger(string QueueName, string Connection = "AzureWebJobsStorage") : FunctionTrigger;
