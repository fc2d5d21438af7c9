using System.ComponentModel.DataAnnotations;

namespace Stratus.Api.Api;

/// <summary>HTTP API settings, bound from <c>Stratus:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Stratus:Api";

    /// <summary>The largest request body accepted unless an endpoint declares its own limit; larger bodies get 413.</summary>
    [Range(1024, long.MaxValue, ErrorMessage = "Stratus:Api:MaxRequestBodyBytes must be at least 1024.")]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
