using System.Globalization;

namespace Stratus.Infra.Templates;

/// <summary>
/// Something wrong with a template, pointing at the YAML node to fix.
/// </summary>
/// <param name="Line">1-based; 0 when the problem is about the whole document (e.g. its size).</param>
/// <param name="Column">1-based; 0 with <paramref name="Line"/> 0.</param>
/// <param name="Field">A path such as <c>flow[1].step</c> (flows and commands counted from 0); empty for the document.</param>
public sealed record TclProblem(int Line, int Column, string Field, string Message)
{
    /// <summary>"line 7, column 5, flow[1].step: must be a positive whole number" — what an API error lists.</summary>
    public override string ToString()
    {
        var location = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"line {Line}, column {Column}, ")
            : string.Empty;
        return Field.Length > 0 ? $"{location}{Field}: {Message}" : $"{location}{Message}";
    }
}
