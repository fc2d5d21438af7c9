using System.Text.Json.Serialization;

namespace Stratus.Api.Terraform;

/// <summary>The OAuth token response (RFC 6749 §5.1) terraform login stores: a Stratus personal API token.</summary>
internal sealed record LoginTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);
