namespace Stratus.Containers.Source;

/// <summary>
/// <c>tsuru.yaml</c> or the <c>Procfile</c> is malformed. The message names the file, the line and the field
/// ("tsuru.yaml line 4: hooks.build must be a list of commands") so it can go straight into the deploy log.
/// </summary>
public sealed class AppManifestException : Exception
{
    public AppManifestException(string file, int line, string? field, string problem, Exception? innerException = null)
        : base(Format(file, line, problem), innerException)
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based; 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>The dotted field path (<c>processes[1].name</c>), or null when no field is at fault.</summary>
    public string? Field { get; }

    public string Problem { get; }

    private static string Format(string file, int line, string problem) =>
        line > 0 ? FormattableString.Invariant($"{file} line {line}: {problem}") : $"{file}: {problem}";
}
