namespace Stratus.Api.Tests.Apps.Pools;

public sealed class PoolsApiStandaloneTests(StratusApiFixture api) : PoolsApiTests<StratusApiFixture>(api);
