using System.Text.Json;
using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Plans;

/// <summary>
/// A plan to create, or the fields of one to change (PUT keeps what it omits; the name comes from the route).
/// <see cref="Memory"/> is a number of bytes or a quantity string such as <c>512Mi</c>.
/// </summary>
internal sealed record PlanRequest([property: Text(InputLimits.Name)] string? Name, int? CpuMilli, JsonElement? Memory, bool? Default);
