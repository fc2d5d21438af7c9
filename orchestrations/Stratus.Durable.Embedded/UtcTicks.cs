namespace Stratus.Durable.Embedded;

/// <summary>Stores every DateTime as UTC ticks so SQLite range filters compare like with like.</summary>
internal static class UtcTicks
{
    public static long From(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks;

    public static DateTime ToDateTime(long ticks) => new(ticks, DateTimeKind.Utc);
}
