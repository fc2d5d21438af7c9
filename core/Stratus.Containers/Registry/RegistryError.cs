namespace Stratus.Containers.Registry;

/// <summary>One entry of the distribution spec's error body, <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
public sealed record RegistryError(string Code, string Message, string? Detail);
