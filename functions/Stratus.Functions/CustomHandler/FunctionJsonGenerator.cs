using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stratus.Functions.Functions;

namespace Stratus.Functions.CustomHandler;

/// <summary>
/// Writes the <c>&lt;name&gt;/function.json</c> files the Functions host reads, from the declarations in code (the single
/// source of truth). The output is byte-for-byte stable: fixed property order, two-space indent, LF, final newline.
/// </summary>
internal static class FunctionJsonGenerator
{
    public const string FileName = "function.json";

    // Relaxed escaping keeps cron expressions and routes readable ('+', '<' …); these files never reach a browser.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<FunctionJsonFile> Generate(FunctionCatalog catalog) => [.. catalog.Functions.Select(Generate)];

    public static FunctionJsonFile Generate(FunctionDeclaration function)
    {
        FunctionNames.EnsureValid(function.Name);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("bindings");
            switch (function.Trigger)
            {
                case HttpFunctionTrigger http:
                    WriteHttp(writer, http);
                    break;
                case TimerFunctionTrigger timer:
                    WriteTimer(writer, timer);
                    break;
                case QueueFunctionTrigger queue:
                    WriteQueue(writer, queue);
                    break;
                default:
                    throw new NotSupportedException(
                        $"Function '{function.Name}' has a {function.Trigger.GetType().Name}, which has no function.json mapping yet.");
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new FunctionJsonFile(function.Name, $"{function.Name}/{FileName}", Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n");
    }

    /// <summary>Writes every function's file under <paramref name="outputDirectory"/> and returns the full paths written.</summary>
    public static IReadOnlyList<string> WriteAll(FunctionCatalog catalog, string outputDirectory)
    {
        // Generate everything first, so an invalid declaration leaves no half-written output behind.
        var files = Generate(catalog);
        var written = new List<string>(files.Count);
        foreach (var file in files)
        {
            var path = Path.Combine(outputDirectory, file.FunctionName, FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
            written.Add(path);
        }

        return written;
    }

    private static void WriteHttp(Utf8JsonWriter writer, HttpFunctionTrigger http)
    {
        writer.WriteStartObject();
        WriteHead(writer, CustomHandlerBindings.HttpRequest, "httpTrigger", "in");
        writer.WriteString("authLevel", http.AuthLevel);
        writer.WriteString("route", http.Route);
        writer.WriteStartArray("methods");
        foreach (var method in http.Methods)
        {
            writer.WriteStringValue(method);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartObject();
        WriteHead(writer, CustomHandlerBindings.HttpResponse, "http", "out");
        writer.WriteEndObject();
    }

    private static void WriteTimer(Utf8JsonWriter writer, TimerFunctionTrigger timer)
    {
        writer.WriteStartObject();
        WriteHead(writer, CustomHandlerBindings.Timer, "timerTrigger", "in");
        writer.WriteString("schedule", timer.Schedule);
        writer.WriteBoolean("runOnStartup", timer.RunOnStartup);
        writer.WriteBoolean("useMonitor", timer.UseMonitor);
        writer.WriteEndObject();
    }

    private static void WriteQueue(Utf8JsonWriter writer, QueueFunctionTrigger queue)
    {
        writer.WriteStartObject();
        WriteHead(writer, CustomHandlerBindings.Queue, "queueTrigger", "in");
        writer.WriteString("queueName", queue.QueueName);
        writer.WriteString("connection", queue.Connection);
        writer.WriteEndObject();
    }

    private static void WriteHead(Utf8JsonWriter writer, string name, string type, string direction)
    {
        writer.WriteString("name", name);
        writer.WriteString("type", type);
        writer.WriteString("direction", direction);
    }
}
