using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>A job test whose template runs GROOVY commands with the real terraform; skipped, saying why, when either is missing.</summary>
public sealed class TerraformGroovyFactAttribute : FactAttribute
{
    public TerraformGroovyFactAttribute() => Skip = new TerraformFactAttribute().Skip ?? new GroovyFactAttribute().Skip;
}
