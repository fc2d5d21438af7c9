namespace Stratus.Api.Infra.Variables;

/// <summary>Variable and secret key log messages. Variable values are never arguments here.</summary>
internal static partial class VariablesLog
{
    [LoggerMessage(EventId = 6200, Level = LogLevel.Warning, Message = "Stratus:Infra:SecretKey is not set; sensitive variables are encrypted with the local key {KeyId} in {Path}. Set Stratus:Infra:SecretKey (e.g. a Key Vault reference) for a deployment.")]
    public static partial void UsingLocalKey(ILogger logger, string keyId, string path);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Generated a new local secret key {KeyId} in {Path}; keep this file: sensitive variables encrypted with it cannot be read without it.")]
    public static partial void GeneratedLocalKey(ILogger logger, string keyId, string path);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "The secret key file {Path} is readable or writable by other users; restrict it to its owner (chmod 600).")]
    public static partial void KeyFileTooOpen(ILogger logger, string path);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Sensitive variables are encrypted with key {KeyId}; {RetiredCount} retired key(s) can still decrypt")]
    public static partial void KeyConfigured(ILogger logger, string keyId, int retiredCount);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Information, Message = "Variable {Action}: {Owner} {Key} by {Actor}")]
    public static partial void VariableChanged(ILogger logger, string action, string owner, string key, string actor);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Information, Message = "Collection {Action}: {Organization}/{Collection} by {Actor}")]
    public static partial void CollectionChanged(ILogger logger, string action, string organization, string collection, string actor);
}
