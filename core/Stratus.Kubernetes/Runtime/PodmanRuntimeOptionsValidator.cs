using Microsoft.Extensions.Options;

namespace Stratus.Kubernetes.Runtime;

/// <summary>Refuses, at start, local runtime settings that would only fail (or hang) at the first rollout.</summary>
internal sealed class PodmanRuntimeOptionsValidator : IValidateOptions<PodmanRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, PodmanRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = PodmanRuntimeOptions.SectionName;
        var failures = new List<string>();
        if (options.PortRangeStart is < 1024 or > 65535 || options.PortRangeEnd is < 1024 or > 65535 || options.PortRangeStart > options.PortRangeEnd)
        {
            failures.Add($"{Section}:PortRangeStart and PortRangeEnd must be unprivileged ports (1024-65535) with start <= end, not {options.PortRangeStart}-{options.PortRangeEnd}.");
        }

        if (options.MinimumReadyTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:MinimumReadyTimeout must be positive, not {options.MinimumReadyTimeout}.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:PollInterval must be positive, not {options.PollInterval}.");
        }

        if (options.StopTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Section}:StopTimeout must not be negative, not {options.StopTimeout}.");
        }

        if (options.CrashLogLines < 0)
        {
            failures.Add($"{Section}:CrashLogLines must not be negative, not {options.CrashLogLines}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
