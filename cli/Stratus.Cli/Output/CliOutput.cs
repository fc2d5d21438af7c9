using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;

namespace Stratus.Cli.Output;

/// <summary>
/// Where a command's results go: Spectre tables and messages on standard output, or with <c>--output json</c> the JSON
/// the API answered and nothing else. Errors go to standard error in red either way.
/// </summary>
internal sealed class CliOutput(CliEnvironment environment, OutputFormat format)
{
    public bool IsJson => format == OutputFormat.Json;

    /// <summary>The API's JSON with <c>--output json</c>; otherwise what <paramref name="render"/> makes of the value.</summary>
    public void Show<T>(ApiResult<T> result, Func<T, IRenderable> render)
    {
        if (IsJson)
        {
            Json(result.Json);
        }
        else
        {
            environment.Console.Write(render(result.Value));
        }
    }

    /// <summary>A table of <paramref name="headers"/> with a row per item, or <paramref name="empty"/> when there are none.</summary>
    public void ShowList<T>(ApiResult<IReadOnlyList<T>> result, string empty, string[] headers, Func<T, string?[]> row) =>
        Show(result, items => items.Count == 0 ? new Markup($"[grey]{Markup.Escape(empty)}[/]{Environment.NewLine}") : Table(headers, items.Select(row)));

    public void Json(JsonElement json)
    {
        environment.Out.WriteLine(json.ValueKind == JsonValueKind.Undefined ? "{}" : json.GetRawText());
        environment.Out.Flush();
    }

    /// <summary>A confirmation in table mode; nothing with <c>--output json</c>, where only JSON goes to standard output.</summary>
    public void Success(string message)
    {
        if (!IsJson)
        {
            environment.Console.MarkupLine($"[green]{Markup.Escape(message)}[/]");
        }
    }

    /// <summary>Plain text for people in table mode (never JSON's standard output).</summary>
    public void Info(string message)
    {
        if (!IsJson)
        {
            environment.Console.WriteLine(message);
        }
    }

    public void Write(IRenderable renderable) => environment.Console.Write(renderable);

    public void Warning(string message) => environment.ErrorConsole.MarkupLine($"[yellow]{Markup.Escape(message)}[/]");

    public void Error(string title, string? detail)
    {
        environment.ErrorConsole.MarkupLine($"[red bold]{Markup.Escape(title)}[/]");
        if (!string.IsNullOrWhiteSpace(detail))
        {
            environment.ErrorConsole.MarkupLine($"[red]{Markup.Escape(detail)}[/]");
        }
    }

    public static Table Table(string[] headers, IEnumerable<string?[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            var column = new TableColumn(new Text(header, new Style(decoration: Decoration.Bold)));
            // The first column names the row (an id or a name): never wrapped, so it can be copied whole.
            table.AddColumn(table.Columns.Count == 0 ? column.NoWrap() : column);
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? Cells.None)));
        }

        return table;
    }
}
