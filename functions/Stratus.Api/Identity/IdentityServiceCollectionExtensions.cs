using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Stratus.Api.Security;
using Stratus.Identity;

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

        services.AddStratusIdentityCore();
        services.AddSingleton<IdentityAudit>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<CallerAuthenticator>();
        services.AddHostedService<IdentityBootstrapService>();

        // Whether to add the JwtBearer scheme at all is decided while composing, before any options exist; the same
        // section is bound and validated above (ValidateOnStart), so a bad value still fails the start.
        var oidc = new OidcOptions();
        configuration.GetSection(IdentityOptions.SectionName).GetSection(nameof(IdentityOptions.Oidc)).Bind(oidc);
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
