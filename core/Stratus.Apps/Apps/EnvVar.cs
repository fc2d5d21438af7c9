using System.Text;
using Stratus.Apps.Names;

namespace Stratus.Apps.Apps;

/// <summary>
/// An app's environment variable. A private one is stored encrypted and read back masked: <see cref="Value"/> is
/// <c>null</c> everywhere except the runtime's read (<see cref="AppStore.GetEnvForDeployAsync"/>).
/// </summary>
public sealed record EnvVar(string Name, string? Value, bool Private = false)
{
    public const int MaxValueBytes = 16 * 1024;

    /// <returns>What to fix, or <c>null</c>.</returns>
    public string? Problem() =>
        AppNames.EnvProblem(Name)
        ?? (Value is null ? $"The environment variable '{Name}' needs a value (it may be empty)." : null)
        ?? (Encoding.UTF8.GetByteCount(Value!) > MaxValueBytes ? $"The value of '{Name}' is longer than {MaxValueBytes} bytes; keep environment values small." : null);
}
