using System.ComponentModel.DataAnnotations;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>Module registry settings, bound from <c>Stratus:Registry:Modules</c>.</summary>
public sealed class ModuleRegistryOptions
{
    public const string SectionName = "Stratus:Registry:Modules";

    /// <summary>
    /// How long a download link in <c>X-Terraform-Get</c> works. terraform fetches it right after asking for it, with
    /// no credentials (go-getter sends none), so the link itself is the credential and should not outlive that.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Stratus:Registry:Modules:DownloadUrlLifetime must be between 10 seconds and 1 hour.")]
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
