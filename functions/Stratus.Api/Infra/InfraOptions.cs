using System.ComponentModel.DataAnnotations;

namespace Stratus.Api.Infra;

/// <summary>Infrastructure settings, bound from <c>Stratus:Infra</c>.</summary>
public sealed class InfraOptions
{
    public const string SectionName = "Stratus:Infra";

    /// <summary>Accept <c>file://</c> git sources. Off by default: they would let API users read the server's disk.</summary>
    public bool AllowFileGitSources { get; set; }
}
