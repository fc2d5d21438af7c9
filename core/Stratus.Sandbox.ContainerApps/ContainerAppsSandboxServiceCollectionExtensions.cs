using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Stratus.Sandbox.ContainerApps;

public static class ContainerAppsSandboxServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Stratus:Infra:Jobs:Sandbox:Driver</c> is <c>containerapps</c>: job steps run as Container Apps job
    /// executions, with the settings under <c>Stratus:Infra:Jobs:Sandbox:ContainerApps</c> validated on start. The
    /// driver replaces whichever sandbox was registered before (and a later <c>TryAdd</c> keeps it). ARM, Log Analytics
    /// and the bundle storage are reached with <paramref name="credential"/>, by default the managed identity the
    /// settings name or <c>DefaultAzureCredential</c>. Otherwise nothing is registered.
    /// </summary>
    public static IServiceCollection AddContainerAppsStepSandbox(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.Equals(configuration[$"{SandboxOptions.SectionName}:Driver"], ContainerAppsStepSandbox.DriverName, StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        services.AddOptions<ContainerAppsSandboxOptions>().Bind(configuration.GetSection(ContainerAppsSandboxOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ContainerAppsSandboxOptions>, ContainerAppsSandboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IStepSandbox>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ContainerAppsSandboxOptions>>().Value;
            var identity = credential ?? DefaultCredential(options);
            var blobs = new BlobServiceClient(options.BlobServiceUri, identity).GetBlobContainerClient(options.BundleContainer);
            return Create(options, identity, new ContainerAppsPipelineOptions(), blobs, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
        }));
        return services;
    }

    /// <summary>The driver over its three clients; tests pass their own transport in <paramref name="pipelineOptions"/>.</summary>
    internal static ContainerAppsStepSandbox Create(ContainerAppsSandboxOptions options, TokenCredential credential, ContainerAppsPipelineOptions pipelineOptions, BlobContainerClient bundles, TimeProvider time, ILoggerFactory loggers)
    {
        var arm = ContainerAppsPipelines.Create(credential, ContainerAppsPipelines.ManagementScope, pipelineOptions);
        var logs = options.LogAnalyticsWorkspaceId is { Length: > 0 }
            ? new LogAnalyticsLogReader(ContainerAppsPipelines.Create(credential, ContainerAppsPipelines.LogAnalyticsScope, pipelineOptions), options)
            : null;
        return new ContainerAppsStepSandbox(options, new ContainerAppsJobsClient(arm, options, time), logs, new StepBundles(bundles, time), time, loggers.CreateLogger<ContainerAppsStepSandbox>());
    }

    private static TokenCredential DefaultCredential(ContainerAppsSandboxOptions options) =>
        options.ManagedIdentityClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
