namespace Stratus.Cli.Commands.Apps;

internal sealed record PoolRegistryInfo(string Address, string Namespace, bool Insecure);
