namespace Stratus.Functions.Infra.State;

internal static class StateServiceCollectionExtensions
{
    public static IServiceCollection AddStratusState(this IServiceCollection services, IConfiguration configuration) => services;
}
