using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Containers.Builders;
using Stratus.Containers.Registry;
using Stratus.Containers.Tools;

namespace Stratus.Containers;

public static class ContainersServiceCollectionExtensions
{
    /// <summary>
    /// The container tools' settings (validated at start), their generated environment, the buildah builder and the
    /// registry HTTP client. The host fills in <see cref="ContainerToolsOptions.Directory"/> when it has a data folder.
    /// </summary>
    public static IServiceCollection AddStratusContainers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ContainerToolsOptions>()
            .Bind(configuration.GetSection(ContainerToolsOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContainerToolsOptions>, ContainerToolsOptionsValidator>();
        services.AddSingleton(sp => ContainerToolsEnvironment.Create(sp.GetRequiredService<IOptions<ContainerToolsOptions>>().Value));
        services.AddSingleton<IBuilderDriver>(sp => new BuildahBuilderDriver(sp.GetRequiredService<ContainerToolsEnvironment>()));
        services.AddRegistryHttpClient();
        return services;
    }
}
