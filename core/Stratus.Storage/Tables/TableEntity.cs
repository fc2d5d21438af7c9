using System.Collections;
using Azure;

namespace Stratus.Storage.Tables;

/// <summary>
/// A table entity: its keys, its ETag and timestamp as the service last returned them, and its typed properties.
/// Property values are one of the EDM types the Table service stores: <see cref="string"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> (a <see cref="DateTime"/>
/// is stored as UTC), <see cref="Guid"/> and <c>byte[]</c>. A <c>null</c> value removes the property.
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; set; }

    public string RowKey { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public int Count => _properties.Count;

    public IEnumerable<string> Keys => _properties.Keys;

    public object? this[string name]
    {
        get => _properties.TryGetValue(name, out var value) ? value : null;
        set
        {
            if (value is null)
            {
                _properties.Remove(name);
            }
            else
            {
                _properties[name] = Normalize(name, value);
            }
        }
    }

    public bool ContainsKey(string name) => _properties.ContainsKey(name);

    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => Get<string>(name);

    public int? GetInt32(string name) => _properties.TryGetValue(name, out var v) ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public long? GetInt64(string name) => _properties.TryGetValue(name, out var v) ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public double? GetDouble(string name) => _properties.TryGetValue(name, out var v) ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public bool? GetBoolean(string name) => _properties.TryGetValue(name, out var v) ? (bool)v : null;

    public DateTimeOffset? GetDateTimeOffset(string name) => _properties.TryGetValue(name, out var v) ? (DateTimeOffset)v : null;

    public Guid? GetGuid(string name) => _properties.TryGetValue(name, out var v) ? (Guid)v : null;

    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    /// <summary>A deep-enough copy: keys, ETag, timestamp and properties (byte arrays are shared, they are never mutated here).</summary>
    public TableEntity Clone()
    {
        var copy = new TableEntity(PartitionKey, RowKey) { ETag = ETag, Timestamp = Timestamp };
        foreach (var (key, value) in _properties)
        {
            copy._properties[key] = value;
        }

        return copy;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Collection-initializer support: <c>new TableEntity("p", "r") { { "Name", "x" } }</c>.</summary>
    public void Add(string name, object? value) => this[name] = value;

    private T? Get<T>(string name)
        where T : class => _properties.TryGetValue(name, out var v) ? (T)v : null;

    private static object Normalize(string name, object value) =>
        TableValues.TryNormalize(value) ?? throw new InvalidStorageRequestException(
            "PropertyValueInvalid",
            $"Property '{name}' has type {value.GetType().Name}, which tables cannot store. Use string, int, long, double, bool, DateTimeOffset, Guid or byte[].");
}
