using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// One kind of variable's calls in the generated client (a workspace's variables, an organization's globals, a
/// collection's items): the same shapes under request builders that share no type.
/// </summary>
internal sealed record VariableApi(
    Func<int, string?, CancellationToken, Task<PageResponseOfVariableResponse?>> List,
    Func<VariableRequest, CancellationToken, Task<VariableResponse?>> Create,
    Func<string, CancellationToken, Task<VariableResponse?>> Get,
    Func<string, VariableRequest, CancellationToken, Task<VariableResponse?>> Update,
    Func<string, CancellationToken, Task> Delete);
