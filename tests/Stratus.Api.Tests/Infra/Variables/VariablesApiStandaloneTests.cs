namespace Stratus.Api.Tests.Infra.Variables;

public sealed class VariablesApiStandaloneTests(StratusApiFixture api) : VariablesApiTests<StratusApiFixture>(api);
