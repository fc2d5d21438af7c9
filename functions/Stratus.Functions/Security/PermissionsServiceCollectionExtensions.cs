using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Stratus.Functions.Security;

internal static class PermissionsServiceCollectionExtensions
{
    public static IServiceCollection AddStratusPermissions(this IServiceCollection services)
    {
        services.TryAddSingleton<IPermissionEvaluator, LocalOperatorPermissionEvaluator>();
        return services;
    }
}
