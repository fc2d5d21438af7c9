using Microsoft.Extensions.Options;
using Stratus.Sandbox.Podman;
using Stratus.Sandbox.Process;

namespace Stratus.Sandbox;

/// <summary>Refuses at start a sandbox setting that would only fail at the first job, and an unsandboxed driver nobody allowed.</summary>
internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = SandboxOptions.SectionName;
        var failures = new List<string>();
        switch (options.Driver)
        {
            case null or "" or PodmanStepSandbox.DriverName or SandboxOptions.ContainerAppsDriver:
                break;
            case ProcessStepSandbox.DriverName when !options.AllowUnsandboxedProcess:
                failures.Add($"{section}:Driver 'process' runs job steps as the API's own user, with its files, network and identity; it is for development only. Set {section}:AllowUnsandboxedProcess=true to accept that, or use 'podman'.");
                break;
            case ProcessStepSandbox.DriverName:
                break;
            default:
                failures.Add($"{section}:Driver '{options.Driver}' is not known: use 'podman' (or leave it empty), 'containerapps' in Azure, or 'process' for development.");
                break;
        }

        if (string.IsNullOrWhiteSpace(options.Image) || options.Image.Any(char.IsWhiteSpace))
        {
            failures.Add($"{section}:Image must name an image, e.g. 'localhost/stratus-step:1'.");
        }

        if (options.Cpus is <= 0 or > 64)
        {
            failures.Add($"{section}:Cpus must be between 0 and 64 (podman --cpus), not {options.Cpus}.");
        }

        if (options.MemoryMiB < 64)
        {
            failures.Add($"{section}:MemoryMiB must be at least 64 (terraform and its providers need it), not {options.MemoryMiB}.");
        }

        if (options.PidsLimit < 32)
        {
            failures.Add($"{section}:PidsLimit must be at least 32 (terraform, its providers and the scripts), not {options.PidsLimit}.");
        }

        if (options.UserId <= 0)
        {
            failures.Add($"{section}:UserId must be a non-root uid (e.g. 10001), not {options.UserId}.");
        }

        if (options.StopGracePeriod < TimeSpan.FromSeconds(1) || options.StopGracePeriod > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{section}:StopGracePeriod must be between 00:00:01 and 00:10:00, not {options.StopGracePeriod}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
