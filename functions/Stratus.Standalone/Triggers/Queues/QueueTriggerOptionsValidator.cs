using Microsoft.Extensions.Options;
using Stratus.Storage;

namespace Stratus.Standalone.Triggers.Queues;

/// <summary>Fails start-up on settings the listeners cannot honour, naming the setting, instead of failing every poll.</summary>
internal sealed class QueueTriggerOptionsValidator : IValidateOptions<QueueTriggerOptions>
{
    private const string Prefix = QueueTriggerOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, QueueTriggerOptions options)
    {
        var failures = new List<string>();
        if (options.BatchSize is < 1 or > QueueTriggerOptions.MaxBatchSize)
        {
            failures.Add($"{Prefix}BatchSize must be between 1 and {QueueTriggerOptions.MaxBatchSize} (the queue service's receive limit); it is {options.BatchSize}.");
        }

        if (options.NewBatchThreshold is < 0)
        {
            failures.Add($"{Prefix}NewBatchThreshold must be 0 or more (or unset for BatchSize / 2); it is {options.NewBatchThreshold}.");
        }

        if (options.MaxPollingInterval < QueueTriggerOptions.MinPollingInterval || options.MaxPollingInterval > QueueTriggerOptions.MaxAllowedPollingInterval)
        {
            failures.Add($"{Prefix}MaxPollingInterval must be between {QueueTriggerOptions.MinPollingInterval} and {QueueTriggerOptions.MaxAllowedPollingInterval}; it is {options.MaxPollingInterval}.");
        }

        if (options.VisibilityTimeout < TimeSpan.Zero || options.VisibilityTimeout > StorageLimits.MaxQueueVisibility)
        {
            failures.Add($"{Prefix}VisibilityTimeout must be between 0 and {StorageLimits.MaxQueueVisibility} (the queue service's limit); it is {options.VisibilityTimeout}.");
        }

        if (options.MaxDequeueCount < 1)
        {
            failures.Add($"{Prefix}MaxDequeueCount must be 1 or more; it is {options.MaxDequeueCount}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
