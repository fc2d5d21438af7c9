namespace Stratus.Api.Identity;

/// <summary>Identity log messages. Token secrets are never arguments here.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "API token refused for {ClientAddress}: {Reason}")]
    public static partial void TokenRejected(ILogger logger, string clientAddress, string reason);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Identity provider token refused for {ClientAddress}: {Reason}")]
    public static partial void OidcRejected(ILogger logger, string clientAddress, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Password sign-in failed for {User} from {ClientAddress}")]
    public static partial void LoginFailed(ILogger logger, string user, string clientAddress);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Sign-in locked out for {Key} for {Seconds} s after repeated failures")]
    public static partial void LockedOut(ILogger logger, string key, double seconds);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Bootstrap admin created; its token was printed to the console once")]
    public static partial void BootstrapTokenIssued(ILogger logger);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Bootstrap admin ensured with the configured token")]
    public static partial void BootstrapTokenConfigured(ILogger logger);
}
