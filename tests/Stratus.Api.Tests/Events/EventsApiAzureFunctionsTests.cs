using Stratus.Api.Tests.Hosts;

namespace Stratus.Api.Tests.Events;

public sealed class EventsApiAzureFunctionsTests(AzureFunctionsApiFixture api) : EventsApiTests<AzureFunctionsApiFixture>(api);
