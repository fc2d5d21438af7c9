namespace Stratus.Api.Tests.Health;

public sealed class HealthApiStandaloneTests(StratusApiFixture api) : HealthApiTests<StratusApiFixture>(api);
