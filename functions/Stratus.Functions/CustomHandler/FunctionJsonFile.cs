namespace Stratus.Functions.CustomHandler;

/// <summary>One generated function.json: the function's name, its path relative to the app root (always '/'), its text.</summary>
internal sealed record FunctionJsonFile(string FunctionName, string RelativePath, string Content);
