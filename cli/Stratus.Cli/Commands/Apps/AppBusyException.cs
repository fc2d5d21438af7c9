namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// The API refused an operation because another one holds the app (409 with the holder's event). Not a mistake of the
/// caller's but a state of the server that will pass, so it exits 2 like a server failure.
/// </summary>
internal sealed class AppBusyException(string title, string? detail, string holderEventId) : CliException(title, detail, Busy)
{
    public const int Busy = 2;

    public string Title { get; } = title;

    public override string? Hint =>
        $"Follow it with 'stratus app event log {App ?? "<app>"} {HolderEventId}', cancel it with 'stratus app event cancel {App ?? "<app>"} {HolderEventId}', or retry with --wait <seconds>.";

    /// <summary>The event of the operation that holds the app.</summary>
    public string HolderEventId { get; } = holderEventId;

    /// <summary>The app that is busy, once known (the problem answer names it only in its text).</summary>
    public string? App { get; private init; }

    public AppBusyException ForApp(string app) => new(Title, Detail, HolderEventId) { App = app };
}
