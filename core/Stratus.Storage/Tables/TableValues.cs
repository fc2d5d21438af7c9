namespace Stratus.Storage.Tables;

/// <summary>The EDM value types tables store, and how other CLR values map onto them. One rule for entities and filters.</summary>
internal static class TableValues
{
    /// <returns>The value as stored (a <see cref="DateTime"/> becomes a UTC <see cref="DateTimeOffset"/>), or <c>null</c> if tables cannot store its type.</returns>
    public static object? TryNormalize(object value) => value switch
    {
        string or int or long or double or bool or Guid or byte[] or DateTimeOffset => value,
        DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()),
        _ => null,
    };
}
