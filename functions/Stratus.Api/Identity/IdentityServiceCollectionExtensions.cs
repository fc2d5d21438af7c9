using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Identity.Stores;

namespace Stratus.Api.Identity;

internal static class IdentityServiceCollectionExtensions
{
    /// <summary>Users, teams, tokens, roles and grants on the store; token and OIDC authentication; the bootstrap admin.</summary>
    public static IServiceCollection AddStratusIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>()
            .Bind(configuration.GetSection(IdentityOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();

        services.AddSingleton<IdentityTable>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<TeamStore>();
        services.AddSingleton<RoleStore>();
        services.AddSingleton<GrantStore>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<BootstrapAdmin>();
        services.AddSingleton<AccessEvaluator>();
        services.AddSingleton<IdentityAudit>();
        services.AddSingleton<CallerAuthenticator>();
        services.AddHostedService<IdentityBootstrapService>();

        var oidc = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>()?.Oidc ?? new OidcOptions();
        var authentication = services.AddAuthentication();
        if (oidc.Enabled)
        {
            authentication.AddJwtBearer(CallerAuthenticator.OidcScheme, jwt =>
            {
                jwt.Authority = oidc.Authority;
                if (oidc.MetadataAddress is { } metadata)
                {
                    jwt.MetadataAddress = metadata;
                }

                jwt.Audience = oidc.Audience;
                jwt.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidateIssuer = true;
                jwt.TokenValidationParameters.ValidateAudience = true;
                jwt.TokenValidationParameters.ValidateLifetime = true;
                jwt.TokenValidationParameters.RequireExpirationTime = true;
                jwt.TokenValidationParameters.RequireSignedTokens = true;
                jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(2);
            });
        }

        return services;
    }
}
