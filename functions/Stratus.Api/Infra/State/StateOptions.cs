using System.ComponentModel.DataAnnotations;
using Stratus.Infra.State;

namespace Stratus.Api.Infra.State;

/// <summary>State settings, bound from <c>Stratus:State</c>.</summary>
internal sealed class StateOptions
{
    public const string SectionName = "Stratus:State";

    /// <summary>The largest state file accepted (the state endpoint's body limit); larger ones get 413.</summary>
    [Range(1024, 1024L * 1024 * 1024, ErrorMessage = "Stratus:State:MaxStateBytes must be between 1024 and 1073741824.")]
    public long MaxStateBytes { get; set; } = StateStoreOptions.DefaultMaxStateBytes;
}
