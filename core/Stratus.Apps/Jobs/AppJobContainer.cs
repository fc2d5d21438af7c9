namespace Stratus.Apps.Jobs;

/// <summary>
/// What a job runs: an image by reference (Tsuru's <c>container.image</c>), or the image of an app's serving version
/// (<see cref="App"/>, resolved at each run so the job follows the app's deploys), with an optional command that
/// replaces the image's entrypoint and command.
/// </summary>
public sealed record AppJobContainer(string? Image, string? App, IReadOnlyList<string> Command)
{
    public const int MaxImageLength = 512;
    public const int MaxCommandArguments = 256;

    /// <returns>What to fix, or <c>null</c>.</returns>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Image) == string.IsNullOrWhiteSpace(App))
        {
            return "Name exactly one of 'container.image' (an image reference, e.g. docker.io/library/busybox:1.36) or 'container.app' (run the image of that app's serving version).";
        }

        if (Image is { } image && (image.Length > MaxImageLength || image.Any(char.IsWhiteSpace)))
        {
            return $"'container.image' must be an image reference without spaces, at most {MaxImageLength} characters.";
        }

        if (App is { } app && Names.AppNames.AppProblem(app) is { } appProblem)
        {
            return $"'container.app': {appProblem}";
        }

        if (Command.Any(argument => argument is null))
        {
            return "'container.command' holds a null; write each argument as a string, e.g. [\"sh\", \"-c\", \"echo hi\"].";
        }

        return Command.Count > MaxCommandArguments
            ? $"'container.command' has {Command.Count} arguments; at most {MaxCommandArguments} are allowed."
            : null;
    }
}
