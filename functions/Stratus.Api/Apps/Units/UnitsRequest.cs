using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Units;

/// <summary>Tsuru's <c>unit add</c>: <see cref="Units"/> more units of <see cref="Process"/> (the web process when omitted).</summary>
internal sealed record UnitsRequest([property: Text(InputLimits.Name)] string? Process, int? Units);
