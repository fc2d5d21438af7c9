using Microsoft.IdentityModel.Tokens;

namespace Stratus.Api.Security;

/// <summary>
/// What a caller is told about a refused identity-provider token: the class of failure, enough to fix it, but not the
/// validation library's full text, which names the configured issuer, tenant and key ids. The log and the audit
/// event keep the full reason.
/// </summary>
internal static class OidcFailureDescriber
{
    public static string Describe(Exception? failure) => (failure is AggregateException aggregate ? aggregate.InnerExceptions.FirstOrDefault() : failure) switch
    {
        SecurityTokenExpiredException => "The token is expired; get a new one from the identity provider.",
        SecurityTokenNotYetValidException => "The token is not yet valid (nbf is in the future); check the clocks.",
        SecurityTokenNoExpirationException => "The token is missing an Expiration Time (exp).",
        SecurityTokenInvalidAudienceException => "Audience validation failed: the token was not issued for this API.",
        SecurityTokenInvalidIssuerException => "Issuer validation failed: the token is not from the configured identity provider.",
        SecurityTokenInvalidSignatureException => "Signature validation failed: the token is unsigned or not signed by the identity provider's keys.",
        SecurityTokenMalformedException or ArgumentException => "The token is not a well-formed JWT.",
        InvalidOperationException => "The identity provider's metadata could not be loaded; try again later.",
        _ => "The token could not be validated.",
    };
}
