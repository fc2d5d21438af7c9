using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Stratus.Storage;

namespace Stratus.Standalone.Triggers.Timers;

internal sealed partial class StandaloneTimerOptionsValidator : IValidateOptions<StandaloneTimerOptions>
{
    public ValidateOptionsResult Validate(string? name, StandaloneTimerOptions options)
    {
        var failures = new List<string>();
        if (options.HostId is null || !HostIdPattern().IsMatch(options.HostId))
        {
            failures.Add(
                $"{StandaloneTimerOptions.SectionName}:HostId '{options.HostId}' is invalid: use 1–32 lower-case letters, digits and single hyphens, not starting or ending with a hyphen.");
        }

        if (options.TimerLeaseDuration < StorageLimits.MinLeaseDuration || options.TimerLeaseDuration > StorageLimits.MaxLeaseDuration)
        {
            failures.Add(
                $"{StandaloneTimerOptions.SectionName}:TimerLeaseDuration must be 15–60 seconds (a blob lease's range); it is {options.TimerLeaseDuration}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^(?=.{1,32}$)[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostIdPattern();
}
