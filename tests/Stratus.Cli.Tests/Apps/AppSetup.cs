using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing;

namespace Stratus.Cli.Tests.Apps;

/// <summary>What app tests need before an app can be created: a team of their own and a podman pool open to it.</summary>
internal static class AppSetup
{
    public static async Task<(string Team, string Pool)> TeamAndPoolAsync(CliSession session, string registry = "127.0.0.1:5000")
    {
        var team = UniqueNames.Next("team" + "-", 12);
        var pool = UniqueNames.Next("pool" + "-", 12);
        await AssertOkAsync(session.RunAsync("team", "create", team));
        await AssertOkAsync(session.RunAsync("pool", "add", pool, "--registry", registry, "--insecure-registry", "--team", team));
        return (team, pool);
    }

    /// <summary>A new app of a new team, in a new pool.</summary>
    public static async Task<string> AppAsync(CliSession session)
    {
        var (team, pool) = await TeamAndPoolAsync(session);
        var app = UniqueNames.Next("app" + "-", 12);
        await AssertOkAsync(session.RunAsync("app", "create", app, "--team", team, "--pool", pool));
        return app;
    }
}
