namespace Stratus.Api.Triggers;

/// <summary>How a function is invoked. One declaration per function is the single source of truth for both modes.</summary>
public abstract record FunctionTrigger;
