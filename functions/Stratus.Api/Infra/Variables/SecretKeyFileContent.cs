namespace Stratus.Api.Infra.Variables;

/// <summary>What a secret key file holds.</summary>
internal sealed record SecretKeyFileContent(string KeyId, string Key, DateTimeOffset? CreatedAt);
