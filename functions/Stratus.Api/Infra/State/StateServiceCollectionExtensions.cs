using Microsoft.Extensions.Options;
using Stratus.Infra.State;
using Stratus.Storage;

namespace Stratus.Api.Infra.State;

internal static class StateServiceCollectionExtensions
{
    /// <summary>The state store (<c>stratus-state</c> blobs, <c>StratusStateHistory</c> table) and its settings (<c>Stratus:State</c>).</summary>
    public static IServiceCollection AddStratusState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StateOptions>()
            .Bind(configuration.GetSection(StateOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new StateStore(
            sp.GetRequiredService<IStorageAccount>(),
            sp.GetRequiredService<TimeProvider>(),
            new StateStoreOptions { MaxStateBytes = sp.GetRequiredService<IOptions<StateOptions>>().Value.MaxStateBytes }));
        return services;
    }
}
