using Stratus.Api.Tests.Hosts;

namespace Stratus.Api.Tests.Infra.Templates;

public sealed class TemplatesApiAzureFunctionsTests(AzureFunctionsApiFixture api) : TemplatesApiTests<AzureFunctionsApiFixture>(api);
