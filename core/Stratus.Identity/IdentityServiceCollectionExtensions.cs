using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Identity.Authorization;
using Stratus.Identity.Stores;

namespace Stratus.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Users, teams, roles, grants and tokens on the identity table, the login throttle, the bootstrap admin and the
    /// access evaluator. Authentication, identity settings and the bootstrap at start are the host's.
    /// </summary>
    public static IServiceCollection AddStratusIdentityCore(this IServiceCollection services)
    {
        services.TryAddSingleton<IdentityTable>();
        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<TeamStore>();
        services.TryAddSingleton<RoleStore>();
        services.TryAddSingleton<GrantStore>();
        services.TryAddSingleton<TokenStore>();
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton<AuthorizationCodeStore>();
        services.TryAddSingleton<BootstrapAdmin>();
        services.TryAddSingleton<AccessEvaluator>();
        return services;
    }
}
