namespace Stratus.Cli.Commands.Apps;

internal sealed record PoolKubernetesInfo(string Server, string Namespace);
