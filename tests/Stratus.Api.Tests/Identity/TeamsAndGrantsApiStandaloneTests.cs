namespace Stratus.Api.Tests.Identity;

public sealed class TeamsAndGrantsApiStandaloneTests(StratusApiFixture api) : TeamsAndGrantsApiTests<StratusApiFixture>(api);
