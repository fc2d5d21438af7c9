using Stratus.Api.Tests.Hosts;

namespace Stratus.Api.Tests.Infra.Variables;

public sealed class VariablesApiAzureFunctionsTests(AzureFunctionsApiFixture api) : VariablesApiTests<AzureFunctionsApiFixture>(api);
