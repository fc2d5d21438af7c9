namespace Stratus.Api.Tests.Events;

public sealed class EventsApiStandaloneTests(StratusApiFixture api) : EventsApiTests<StratusApiFixture>(api);
