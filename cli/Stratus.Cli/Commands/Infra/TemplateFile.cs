namespace Stratus.Cli.Commands.Infra;

/// <summary>Reads a template's TCL (YAML) from a file, or from standard input for <c>-</c>.</summary>
internal static class TemplateFile
{
    public static async Task<string> ReadAsync(CommandCall call, string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return await call.Context.Environment.In.ReadToEndAsync(cancellationToken);
        }

        if (!File.Exists(path))
        {
            throw new CliException($"There is no template file '{path}'.", "Give the path of a TCL (YAML) file, or - to read it from standard input.");
        }

        return await File.ReadAllTextAsync(path, cancellationToken);
    }
}
