using Stratus.Api.Tests.Hosts;

namespace Stratus.Api.Tests.Infra.Workspaces;

public sealed class WorkspacesApiAzureFunctionsTests(AzureFunctionsApiFixture api) : WorkspacesApiTests<AzureFunctionsApiFixture>(api);
