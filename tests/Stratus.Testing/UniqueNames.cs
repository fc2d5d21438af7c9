namespace Stratus.Testing;

/// <summary>
/// Names no other test uses, so tests sharing one store (one Azurite, one table) keep apart without cleaning up. Lower
/// case letters and digits, short enough for every Stratus name (organizations, apps, users, tables).
/// </summary>
public static class UniqueNames
{
    public static string Next(string prefix, int randomLength = 16) => prefix + Guid.NewGuid().ToString("N")[..randomLength];
}
