namespace Stratus.Api.Triggers;

/// <summary>
/// One function: its name (as the Azure app's <c>[Function]</c> attribute and functions.metadata give it), its
/// trigger, and the handler type (an <see cref="ITimerFunction"/> or <see cref="IQueueFunction"/>;
/// <c>null</c> for the HTTP function, which is the ASP.NET Core pipeline itself).
/// </summary>
public sealed record FunctionDeclaration(string Name, FunctionTrigger Trigger, Type? HandlerType);
