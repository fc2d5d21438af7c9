namespace Stratus.Apps.Names;

/// <summary>A request the stores refuse before touching storage: a bad name or value. The message says what to fix (HTTP 400).</summary>
public sealed class InvalidAppRequestException(string message) : Exception(message)
{
    public static void ThrowIfProblem(string? problem)
    {
        if (problem is not null)
        {
            throw new InvalidAppRequestException(problem);
        }
    }
}
