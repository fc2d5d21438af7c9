using Microsoft.Extensions.Options;

namespace Stratus.Containers.Tools;

/// <summary>Refuses, at start, tool settings that would only fail at the first deploy.</summary>
internal sealed class ContainerToolsOptionsValidator : IValidateOptions<ContainerToolsOptions>
{
    public ValidateOptionsResult Validate(string? name, ContainerToolsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{ContainerToolsOptions.SectionName}:Directory must name a folder for the podman and buildah configuration and storage.");
        }

        if (string.IsNullOrWhiteSpace(options.PodmanPath))
        {
            failures.Add($"{ContainerToolsOptions.SectionName}:PodmanPath must not be empty (the default is 'podman' on PATH).");
        }

        if (string.IsNullOrWhiteSpace(options.BuildahPath))
        {
            failures.Add($"{ContainerToolsOptions.SectionName}:BuildahPath must not be empty (the default is 'buildah' on PATH).");
        }

        if (string.IsNullOrWhiteSpace(options.StorageDriver))
        {
            failures.Add($"{ContainerToolsOptions.SectionName}:StorageDriver must name a containers/storage driver (the default is 'vfs').");
        }

        foreach (var registry in options.InsecureRegistries)
        {
            if (string.IsNullOrWhiteSpace(registry) || registry.Contains("://", StringComparison.Ordinal) || registry.Contains('/', StringComparison.Ordinal))
            {
                failures.Add($"{ContainerToolsOptions.SectionName}:InsecureRegistries entries are host[:port] without a scheme or path, not '{registry}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
