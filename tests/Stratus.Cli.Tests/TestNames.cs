namespace Stratus.Cli.Tests;

/// <summary>Unique identity names, so tests sharing one API never collide.</summary>
internal static class TestNames
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
