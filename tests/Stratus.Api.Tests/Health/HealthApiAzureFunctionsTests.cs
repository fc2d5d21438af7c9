using Stratus.Api.Tests.Hosts;

namespace Stratus.Api.Tests.Health;

public sealed class HealthApiAzureFunctionsTests(AzureFunctionsApiFixture api) : HealthApiTests<AzureFunctionsApiFixture>(api);
