using System.ComponentModel.DataAnnotations;
using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Env;

/// <summary>
/// Tsuru's env set: <see cref="Private"/> is the default for variables that do not say; <see cref="NoRestart"/> stores
/// the change without rolling out (it applies at the next deploy or restart); <see cref="PruneUnused"/> removes every
/// variable not named.
/// </summary>
internal sealed record EnvSetRequest([property: MaxLength(InputLimits.MaxEnvsPerRequest)] IReadOnlyList<EnvVarRequest?>? Envs, bool? NoRestart, bool? Private, bool? PruneUnused);
