using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Cnames;

/// <summary>Tsuru's <c>cname add</c>: host names the app answers to besides its own.</summary>
internal sealed record CnameRequest([property: TextList(InputLimits.MaxCNamesPerRequest, InputLimits.CName)] IReadOnlyList<string?>? Cname);
