namespace Stratus.Api.Infra.Tfe;

internal static class TfeServiceCollectionExtensions
{
    /// <summary>The TFE API's per-request access helper and its log URL tokens; its stores come from the infrastructure core.</summary>
    public static IServiceCollection AddStratusTfe(this IServiceCollection services) => services
        .AddScoped<TfeAccess>()
        .AddSingleton<TfeLogTokens>();
}
