using Stratus.Api.Tests.Hosts;

namespace Stratus.Api.Tests.Apps.Pools;

public sealed class PoolsApiAzureFunctionsTests(AzureFunctionsApiFixture api) : PoolsApiTests<AzureFunctionsApiFixture>(api);
