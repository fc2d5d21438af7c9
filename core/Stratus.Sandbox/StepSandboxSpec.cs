namespace Stratus.Sandbox;

/// <summary>
/// One step to run in a sandbox.
/// </summary>
/// <param name="Name">Deterministic and unique per step attempt (see <see cref="SandboxNames"/>): the handle a re-run finds it by.</param>
/// <param name="WorkingDirectory">
/// An absolute host folder: the only host path the step sees, read-write, at the same path, and its current directory.
/// </param>
/// <param name="Command">The program and its arguments, e.g. <c>["bash", "/…/.stratus/step.sh"]</c>.</param>
/// <param name="Environment">Every variable the step gets; nothing of the host's environment is added.</param>
public sealed record StepSandboxSpec(string Name, string WorkingDirectory, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Host executables the step may run, read-only, by name on its PATH: <c>terraform</c> → <c>/usr/local/bin/terraform</c>.</summary>
    public IReadOnlyDictionary<string, string> Tools { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Host files and folders a runtime needs (a JVM for Groovy, see <see cref="GroovyInstallation"/>): path inside the
    /// sandbox → host path, mounted read-only. Drivers that run on the host itself already see them.
    /// </summary>
    public IReadOnlyDictionary<string, string> ReadOnlyMounts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
