using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Events;
using Stratus.AzureFunctions.Triggers;
using Stratus.Testing;
using Stratus.Testing.Functions;

namespace Stratus.AzureFunctions.Tests;

/// <summary><see cref="QueueFunctions"/> invoked directly with a message's text and the binding data the queue trigger supplies.</summary>
public sealed class QueueFunctionsTests(AzureFunctionsAppFixture app) : IClassFixture<AzureFunctionsAppFixture>
{
    [Fact]
    public async Task Events_PlatformEvent_IsRecordedForItsTarget()
    {
        var ct = TestTimeout.Token();
        var target = "app:web-" + Guid.NewGuid().ToString("N")[..8];
        var e = new PlatformEvent(Guid.NewGuid(), "app.deploy", target, "alice", DateTimeOffset.UtcNow, "succeeded", """{"version":3}""");

        await InvokeAsync(JsonSerializer.Serialize(e, PlatformEventJsonContext.Default.PlatformEvent), "msg-1", ct);

        var page = await app.ApiAsync(HttpMethod.Get, $"/api/v1/events?target={target}", cancellationToken: ct);
        var listed = Assert.Single(page.GetProperty("events").EnumerateArray());
        Assert.Equal(e.Id, listed.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Events_NotAnEvent_ThrowsNamingTheMessageSoTheHostRetriesThenPoisonsIt()
    {
        var ct = TestTimeout.Token();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => InvokeAsync("not json", "msg-bad-7", ct));

        Assert.Contains("msg-bad-7", error.Message, StringComparison.Ordinal);
        Assert.Contains(EventQueueFunction.QueueName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_BindingData_BecomesTheInvocationsMetadata()
    {
        var inserted = new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);
        var data = new Dictionary<string, object?>
        {
            ["Id"] = "\"abc\"",
            ["PopReceipt"] = "pop",
            ["DequeueCount"] = "3",
            ["InsertionTime"] = inserted.ToString("O"),
        };

        var invocation = TriggerInvocations.Queue("events", "stratus-events", "text", data);

        Assert.Equal("abc", invocation.MessageId);
        Assert.Equal("pop", invocation.PopReceipt);
        Assert.Equal(3, invocation.DequeueCount);
        Assert.Equal(inserted, invocation.InsertionTime);
        Assert.Null(invocation.ExpirationTime);
    }

    private async Task InvokeAsync(string message, string messageId, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DirectFunctionContext(EventQueueFunction.Name, scope.ServiceProvider, new Dictionary<string, object?> { ["Id"] = messageId, ["DequeueCount"] = 1 }, cancellationToken);
        await ActivatorUtilities.CreateInstance<QueueFunctions>(scope.ServiceProvider).Events(message, context);
    }
}
