using Stratus.Functions.CustomHandler;
using Stratus.Functions.Functions;
using Stratus.Testing;

namespace Stratus.Functions.Tests.CustomHandler;

public sealed class FunctionJsonGeneratorTests
{
    [Fact]
    public async Task Generate_HttpFunction_WritesProxiedHttpTriggerAndResponse()
    {
        var function = new FunctionDeclaration("api", new HttpFunctionTrigger("{*path}", ["get", "post"]), null);

        var file = await Task.Run(() => FunctionJsonGenerator.Generate(function), TestTimeout.Token());

        Assert.Equal("api/function.json", file.RelativePath);
        Assert.Equal(
            """
            {
              "bindings": [
                {
                  "name": "req",
                  "type": "httpTrigger",
                  "direction": "in",
                  "authLevel": "anonymous",
                  "route": "{*path}",
                  "methods": [
                    "get",
                    "post"
                  ]
                },
                {
                  "name": "res",
                  "type": "http",
                  "direction": "out"
                }
              ]
            }

            """,
            file.Content);
    }

    [Fact]
    public async Task Generate_TimerFunction_WritesScheduleRunOnStartupAndUseMonitor()
    {
        var function = new FunctionDeclaration("cleanup", new TimerFunctionTrigger("0 */5 * * * *", RunOnStartup: true, UseMonitor: false), typeof(RecordingTimerFunction));

        var file = await Task.Run(() => FunctionJsonGenerator.Generate(function), TestTimeout.Token());

        Assert.Equal("cleanup/function.json", file.RelativePath);
        Assert.Equal(
            """
            {
              "bindings": [
                {
                  "name": "timer",
                  "type": "timerTrigger",
                  "direction": "in",
                  "schedule": "0 */5 * * * *",
                  "runOnStartup": true,
                  "useMonitor": false
                }
              ]
            }

            """,
            file.Content);
    }

    [Fact]
    public async Task Generate_QueueFunction_WritesQueueNameAndConnection()
    {
        var function = new FunctionDeclaration("events", new QueueFunctionTrigger("stratus-events"), typeof(RecordingQueueFunction));

        var file = await Task.Run(() => FunctionJsonGenerator.Generate(function), TestTimeout.Token());

        Assert.Equal("events/function.json", file.RelativePath);
        Assert.Equal(
            """
            {
              "bindings": [
                {
                  "name": "msg",
                  "type": "queueTrigger",
                  "direction": "in",
                  "queueName": "stratus-events",
                  "connection": "AzureWebJobsStorage"
                }
              ]
            }

            """,
            file.Content);
    }

    [Fact]
    public async Task Generate_Twice_IsByteForByteStableWithLfOnly()
    {
        var function = new FunctionDeclaration("events", new QueueFunctionTrigger("q+1"), typeof(RecordingQueueFunction));

        var first = await Task.Run(() => FunctionJsonGenerator.Generate(function), TestTimeout.Token());
        var second = FunctionJsonGenerator.Generate(function);

        Assert.Equal(first.Content, second.Content);
        Assert.DoesNotContain('\r', first.Content);
        Assert.EndsWith("}\n", first.Content, StringComparison.Ordinal);
        Assert.Contains("\"queueName\": \"q+1\"", first.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1starts-with-digit")]
    [InlineData("has space")]
    [InlineData("has/slash")]
    [InlineData("")]
    public async Task Generate_NameTheHostRejects_Throws(string name)
    {
        var function = new FunctionDeclaration(name, new QueueFunctionTrigger("q"), typeof(RecordingQueueFunction));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Task.Run(() => FunctionJsonGenerator.Generate(function), TestTimeout.Token()));

        Assert.Contains("not accepted by the Azure Functions host", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAll_Catalog_WritesOneFolderPerFunction()
    {
        var output = Directory.CreateTempSubdirectory("stratus-function-json-").FullName;
        try
        {
            var catalog = new FunctionCatalog(
            [
                new FunctionDeclaration("api", new HttpFunctionTrigger("{*path}", ["get"]), null),
                new FunctionDeclaration("events", new QueueFunctionTrigger("stratus-events"), typeof(RecordingQueueFunction)),
            ]);

            var written = await Task.Run(() => FunctionJsonGenerator.WriteAll(catalog, output), TestTimeout.Token());

            Assert.Equal([Path.Combine(output, "api", "function.json"), Path.Combine(output, "events", "function.json")], written);
            Assert.Equal(
                FunctionJsonGenerator.Generate(catalog.Functions[1]).Content,
                await File.ReadAllTextAsync(Path.Combine(output, "events", "function.json"), TestTimeout.Token()));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
