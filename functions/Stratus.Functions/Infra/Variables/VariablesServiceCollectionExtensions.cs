namespace Stratus.Functions.Infra.Variables;

internal static class VariablesServiceCollectionExtensions
{
    public static IServiceCollection AddStratusVariables(this IServiceCollection services, IConfiguration configuration) => services;
}
