using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Stratus.Api.Tests;

/// <summary>
/// The in-memory test server has no client address, so every test request looks like the same client to the
/// per-address sign-in throttle. This gives each request the address in <see cref="Header"/>, or a random one, so
/// tests that mean to trip the throttle choose their address and the others never share one.
/// </summary>
internal sealed class ClientAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var chosen)
                ? chosen
                : new IPAddress(Random.Shared.NextInt64(0x0B000000, 0x0BFFFFFF));
            return nextMiddleware(context);
        });
        next(app);
    };
}
