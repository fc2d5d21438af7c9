using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Stratus.Api.Events;
using Stratus.Api.Triggers;
using Stratus.Testing;

namespace Stratus.Api.Tests.Events;

/// <remarks>Runs through both hosts: <see cref="EventsApiStandaloneTests"/> and <see cref="EventsApiAzureFunctionsTests"/>.</remarks>
public abstract class EventsApiTests<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : class, IStratusApiHost
{
    [Fact]
    public async Task PublishAsync_ThroughTheEventsQueue_IsListedForItsTarget()
    {
        var ct = TestTimeout.Token(30);
        using var client = api.CreateClient();
        var publisher = api.Services.GetRequiredService<IPlatformEventPublisher>();
        var target = "app:web-" + Guid.NewGuid().ToString("N")[..8];
        var e = new PlatformEvent(Guid.NewGuid(), "app.deploy", target, "alice", DateTimeOffset.UtcNow, "succeeded", """{"version":3}""");

        await publisher.PublishAsync(e, ct);

        // The standalone listener records it; wait for it to show (bounded by the test's timeout).
        var page = await Poll.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/events?target={target}", UriKind.Relative), ct),
            p => p.GetProperty("events").GetArrayLength() > 0,
            "the published event is recorded",
            ct);

        var listed = Assert.Single(page.GetProperty("events").EnumerateArray());
        Assert.Equal(e.Id, listed.GetProperty("id").GetGuid());
        Assert.Equal("app.deploy", listed.GetProperty("kind").GetString());
        Assert.Equal("""{"version":3}""", listed.GetProperty("data").GetString());
    }

    [Fact]
    public async Task RecordAsync_SameEventTwice_IsListedOnce()
    {
        var ct = TestTimeout.Token();
        var store = api.Services.GetRequiredService<PlatformEventStore>();
        var target = "workspace:net-" + Guid.NewGuid().ToString("N")[..8];
        var e = new PlatformEvent(Guid.NewGuid(), "job.apply", target, "bob", DateTimeOffset.UtcNow, "running");

        await store.RecordAsync(e, ct);
        await store.RecordAsync(e, ct);

        var (events, _) = await store.ListAsync(target, 10, null, ct);
        Assert.Single(events);
    }

    [Fact]
    public async Task ListEvents_ManyEvents_PagesNewestFirst()
    {
        var ct = TestTimeout.Token();
        var store = api.Services.GetRequiredService<PlatformEventStore>();
        using var client = api.CreateClient();
        var target = "app:paged-" + Guid.NewGuid().ToString("N")[..8];
        var t0 = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            await store.RecordAsync(new PlatformEvent(Guid.NewGuid(), "app.restart", target, "ops", t0.AddMinutes(i), $"n{i}"), ct);
        }

        var first = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/events?target={target}&limit=2", UriKind.Relative), ct);
        var token = first.GetProperty("continuation").GetString();
        var second = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/events?target={target}&limit=2&continuation={Uri.EscapeDataString(token!)}", UriKind.Relative), ct);

        Assert.Equal(["n2", "n1"], first.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()));
        Assert.Equal(["n0"], second.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/events", "Invalid target")]
    [InlineData("/api/v1/events?target=no-colon", "Invalid target")]
    [InlineData("/api/v1/events?target=app:x/y", "Invalid target")]
    [InlineData("/api/v1/events?target=app:web&limit=0", "Invalid limit")]
    [InlineData("/api/v1/events?target=app:web&limit=1000", "Invalid limit")]
    [InlineData("/api/v1/events?target=app:web&continuation=%25%25notatoken", "Invalid continuation")]
    public async Task ListEvents_BadQuery_Returns400Problem(string url, string title)
    {
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestTimeout.Token());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"id":"00000000-0000-0000-0000-000000000000","kind":"app.deploy","target":"app:web","actor":"a","at":"2026-01-01T00:00:00Z","status":"ok"}""")]
    [InlineData("""{"id":"6f1c9a3e-1111-4c5e-9a51-3f0e2b8a2d11","kind":"App Deploy","target":"app:web","actor":"a","at":"2026-01-01T00:00:00Z","status":"ok"}""")]
    public async Task RunAsync_UnrecordableMessage_ThrowsSoItEndsInPoison(string text)
    {
        var function = new EventQueueFunction(api.Services.GetRequiredService<PlatformEventStore>(), NullLogger<EventQueueFunction>.Instance);
        var invocation = new QueueInvocation(EventQueueFunction.Name, EventQueueFunction.QueueName, text, "m1", null, 1, null, null, null);

        await Assert.ThrowsAsync<InvalidDataException>(() => function.RunAsync(invocation, TestTimeout.Token()));
    }
}
