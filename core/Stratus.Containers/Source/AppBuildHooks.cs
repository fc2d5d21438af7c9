namespace Stratus.Containers.Source;

/// <summary><c>hooks.build</c> run once in the image at build time; <c>hooks.restart.before/after</c> around every unit start.</summary>
public sealed record AppBuildHooks(IReadOnlyList<string> Build, IReadOnlyList<string> RestartBefore, IReadOnlyList<string> RestartAfter)
{
    public static AppBuildHooks None { get; } = new([], [], []);
}
