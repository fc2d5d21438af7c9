using System.ComponentModel.DataAnnotations;

namespace Stratus.Api.Identity;

/// <summary>Identity settings, bound from <c>Stratus:Identity</c>.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Stratus:Identity";

    /// <summary>
    /// Create user <c>admin</c> on a new store and print its token once. Turn off where an identity provider and its
    /// grants are set up instead (Azure).
    /// </summary>
    public bool CreateBootstrapAdmin { get; set; } = true;

    /// <summary>
    /// For automation: the bootstrap admin's token, generated elsewhere (<c>stratus_pat_…</c>). Only its hash is
    /// stored and nothing is printed. Keep it in a secret store, not in a file.
    /// </summary>
    public string? BootstrapAdminToken { get; set; }

    [Range(1, 3650, ErrorMessage = "Stratus:Identity:DefaultTokenLifetimeDays must be between 1 and 3650.")]
    public int DefaultTokenLifetimeDays { get; set; } = 90;

    [Range(1, 3650, ErrorMessage = "Stratus:Identity:MaxTokenLifetimeDays must be between 1 and 3650.")]
    public int MaxTokenLifetimeDays { get; set; } = 365;

    [Range(1, 720, ErrorMessage = "Stratus:Identity:LoginTokenLifetimeHours must be between 1 and 720.")]
    public int LoginTokenLifetimeHours { get; set; } = 12;

    public OidcOptions Oidc { get; set; } = new();

    public ThrottleOptions Throttle { get; set; } = new();
}
