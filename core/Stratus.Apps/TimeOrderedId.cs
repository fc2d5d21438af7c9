using System.Globalization;
using System.Security.Cryptography;

namespace Stratus.Apps;

/// <summary>
/// Ids that sort newest first as table row keys: 19 digits of inverted UTC ticks, then 12 random hex digits so two
/// ids of the same tick differ. A row-key range over the digits is a time range, which is how event and deploy lists
/// filter by date without reading rows outside it.
/// </summary>
public static class TimeOrderedId
{
    public const int Length = 19 + 12;

    public static string New(DateTimeOffset at) => InvertedTicks(at) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>The 19-digit prefix of every id made at <paramref name="at"/>; later times give smaller prefixes.</summary>
    public static string InvertedTicks(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="id"/> has the shape of an id made here (so it is safe as a row key).</summary>
    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0 && id.AsSpan(19).IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <returns>When the id was made, or <c>null</c> if it is not a valid id.</returns>
    public static DateTimeOffset? TimeOf(string id) =>
        IsValid(id) ? new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - long.Parse(id.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero) : null;
}
