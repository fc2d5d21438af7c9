namespace Stratus.Api.Api.Validation;

/// <summary>
/// The fields of a request body that break their declared limits, keyed by JSON path (<c>envs[1].value</c>), as
/// ASP.NET Core's validation problems key them. <see cref="Detail"/> is the one-paragraph text for a problem's detail.
/// </summary>
internal sealed record RequestLimitViolation(IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Where a request keeps its violation, so its 400 problem can carry <c>field</c> and <c>errors</c>.</summary>
    public static readonly object HttpContextKey = new();

    public string Field => Errors.Keys.First();

    public string Detail => string.Join(" ", Errors.Select(e => $"'{e.Key}' {string.Join(" ", e.Value)}"));
}
