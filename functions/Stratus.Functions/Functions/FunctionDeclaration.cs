namespace Stratus.Functions.Functions;

/// <summary>
/// One function: its name (the folder of its function.json, and the path the Functions host POSTs non-HTTP
/// invocations to), its trigger, and the handler type (an <see cref="ITimerFunction"/> or <see cref="IQueueFunction"/>;
/// <c>null</c> for the HTTP function, which is the ASP.NET Core pipeline itself).
/// </summary>
public sealed record FunctionDeclaration(string Name, FunctionTrigger Trigger, Type? HandlerType);
