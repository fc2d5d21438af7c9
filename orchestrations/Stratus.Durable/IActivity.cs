namespace Stratus.Durable;

/// <summary>The untyped face of <see cref="Activity{TInput,TOutput}"/> that the engine runs.</summary>
public interface IActivity
{
    Task<object?> RunAsync(ActivityContext context, string? serializedInput);
}
