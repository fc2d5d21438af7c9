namespace Stratus.Api.Tests.Infra.Templates;

public sealed class TemplatesApiStandaloneTests(StratusApiFixture api) : TemplatesApiTests<StratusApiFixture>(api);
