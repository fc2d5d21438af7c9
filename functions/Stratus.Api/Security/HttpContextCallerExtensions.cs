using Stratus.Identity.Principals;

namespace Stratus.Api.Security;

internal static class HttpContextCallerExtensions
{
    private static readonly object Key = new();

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;

    /// <summary>The authenticated caller. Only endpoints that are not public may ask; the access middleware has set it.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context.Items[Key] as Caller ?? throw new InvalidOperationException("No authenticated caller: this endpoint must not be declared public.");

    public static string ClientAddress(this HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";
}
