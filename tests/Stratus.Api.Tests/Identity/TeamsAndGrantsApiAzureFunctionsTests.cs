using Stratus.Api.Tests.Hosts;

namespace Stratus.Api.Tests.Identity;

public sealed class TeamsAndGrantsApiAzureFunctionsTests(AzureFunctionsApiFixture api) : TeamsAndGrantsApiTests<AzureFunctionsApiFixture>(api);
