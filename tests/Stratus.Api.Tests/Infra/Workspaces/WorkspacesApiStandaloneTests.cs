namespace Stratus.Api.Tests.Infra.Workspaces;

public sealed class WorkspacesApiStandaloneTests(StratusApiFixture api) : WorkspacesApiTests<StratusApiFixture>(api);
