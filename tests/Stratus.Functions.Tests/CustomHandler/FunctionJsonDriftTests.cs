using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Functions.CustomHandler;
using Stratus.Functions.Functions;
using Stratus.Testing;

namespace Stratus.Functions.Tests.CustomHandler;

/// <summary>The function.json files generated from the app's real catalog say exactly what the declarations say.</summary>
public sealed class FunctionJsonDriftTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task Generate_AppCatalog_EveryDeclarationHasFunctionJsonWithItsTriggerFields()
    {
        var catalog = api.Services.GetRequiredService<FunctionCatalog>();

        var files = await Task.Run(() => FunctionJsonGenerator.Generate(catalog), TestTimeout.Token());

        Assert.Contains(catalog.Functions, f => f.Name == FunctionsServiceCollectionExtensions.HttpFunctionName);
        Assert.Equal(catalog.Functions.Select(f => $"{f.Name}/function.json"), files.Select(f => f.RelativePath));
        foreach (var (declaration, file) in catalog.Functions.Zip(files))
        {
            using var json = JsonDocument.Parse(file.Content);
            var trigger = json.RootElement.GetProperty("bindings")[0];
            Assert.Equal("in", trigger.GetProperty("direction").GetString());
            switch (declaration.Trigger)
            {
                case HttpFunctionTrigger http:
                    Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal(http.AuthLevel, trigger.GetProperty("authLevel").GetString());
                    Assert.Equal(http.Route, trigger.GetProperty("route").GetString());
                    Assert.Equal(http.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
                    Assert.Equal("http", json.RootElement.GetProperty("bindings")[1].GetProperty("type").GetString());
                    break;
                case TimerFunctionTrigger timer:
                    Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal(timer.Schedule, trigger.GetProperty("schedule").GetString());
                    Assert.Equal(timer.RunOnStartup, trigger.GetProperty("runOnStartup").GetBoolean());
                    Assert.Equal(timer.UseMonitor, trigger.GetProperty("useMonitor").GetBoolean());
                    break;
                case QueueFunctionTrigger queue:
                    Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal(queue.QueueName, trigger.GetProperty("queueName").GetString());
                    Assert.Equal(queue.Connection, trigger.GetProperty("connection").GetString());
                    break;
                default:
                    Assert.Fail($"Function '{declaration.Name}' has a trigger kind this test does not know: {declaration.Trigger.GetType().Name}.");
                    break;
            }
        }
    }

    [Fact]
    public async Task Execute_GenerateOption_WritesEveryDeclaredFunction()
    {
        var output = Directory.CreateTempSubdirectory("stratus-function-json-").FullName;
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var catalog = api.Services.GetRequiredService<FunctionCatalog>();

            var exitCode = await Task.Run(
                () => FunctionJsonCommand.Execute(["--urls", "http://127.0.0.1:0", FunctionJsonCommand.OptionName, output], api.Services, stdout, stderr),
                TestTimeout.Token());

            Assert.Equal(0, exitCode);
            Assert.Equal(string.Empty, stderr.ToString());
            foreach (var function in catalog.Functions)
            {
                Assert.Equal(
                    FunctionJsonGenerator.Generate(function).Content,
                    await File.ReadAllTextAsync(Path.Combine(output, function.Name, "function.json"), TestTimeout.Token()));
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Execute_WithoutOption_ReturnsNullAndWritesNothing()
    {
        using var stdout = new StringWriter();

        var exitCode = await Task.Run(() => FunctionJsonCommand.Execute(["--urls", "http://127.0.0.1:0"], api.Services, stdout, stdout), TestTimeout.Token());

        Assert.Null(exitCode);
        Assert.Equal(string.Empty, stdout.ToString());
    }

    [Fact]
    public async Task Execute_OptionWithoutDirectory_Returns2WithUsage()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await Task.Run(() => FunctionJsonCommand.Execute([FunctionJsonCommand.OptionName], api.Services, stdout, stderr), TestTimeout.Token());

        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", stderr.ToString(), StringComparison.Ordinal);
    }
}
