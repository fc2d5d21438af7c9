using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Containers.Tools;

namespace Stratus.Kubernetes.Runtime;

public static class PodmanRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The local provisioner: its settings (<c>Stratus:Apps:Podman</c>, validated at start), the probe HTTP client and
    /// the <see cref="IAppRuntime"/>. Needs a <see cref="ContainerToolsEnvironment"/> (<c>AddStratusContainers</c>).
    /// </summary>
    public static IServiceCollection AddPodmanRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PodmanRuntimeOptions>().Bind(configuration.GetSection(PodmanRuntimeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PodmanRuntimeOptions>, PodmanRuntimeOptionsValidator>();
        services.AddPodmanProbeHttpClient();
        services.AddSingleton<IAppRuntime>(sp => new PodmanRuntime(
            sp.GetRequiredService<ContainerToolsEnvironment>(),
            sp.GetRequiredService<IOptions<PodmanRuntimeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(PodmanProbeHttpClient.Name)));
        return services;
    }
}
