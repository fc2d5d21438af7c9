namespace Stratus.Infra.Registry.Modules;

/// <summary>A module's registry address: <c>{Organization}/{Name}/{System}</c> (terraform's namespace/name/system).</summary>
public sealed record ModuleAddress(string Organization, string Name, string System)
{
    public override string ToString() => $"{Organization}/{Name}/{System}";
}
