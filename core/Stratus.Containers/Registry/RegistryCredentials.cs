namespace Stratus.Containers.Registry;

/// <summary>A user name and password (or token) for a registry's Basic auth or its token service.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    // Keeps the password out of logs and exception messages that print the record.
    public override string ToString() => $"RegistryCredentials {{ Username = {Username} }}";
}
