using System.Globalization;
using System.Text.Json;
using Azure;
using Stratus.Storage.Tables;

namespace Stratus.Storage.AzureRest;

/// <summary>
/// Entities as the Table service's JSON (OData v3, minimal metadata): types that JSON cannot carry (Int64, Double,
/// DateTime, Guid, Binary) get an <c>@odata.type</c> annotation, so every property round-trips with its exact type.
/// </summary>
internal static class AzureTableJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static TableEntity Deserialize(JsonElement json, ETag etagFromHeader = default)
    {
        var entity = new TableEntity(
            json.TryGetProperty("PartitionKey", out var pk) ? pk.GetString() ?? string.Empty : string.Empty,
            json.TryGetProperty("RowKey", out var rk) ? rk.GetString() ?? string.Empty : string.Empty);
        if (json.TryGetProperty("odata.etag", out var etag))
        {
            entity.ETag = new ETag(etag.GetString()!);
        }
        else
        {
            entity.ETag = etagFromHeader;
        }

        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal) || name is "PartitionKey" or "RowKey")
            {
                continue;
            }

            var type = json.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : name == "Timestamp" ? "Edm.DateTime" : null;
            var value = ReadValue(property.Value, type);
            if (name == "Timestamp")
            {
                entity.Timestamp = value as DateTimeOffset?;
            }
            else if (value is not null)
            {
                entity[name] = value;
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case long l:
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                break;
            case double d:
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                writer.WriteString(name + TypeSuffix, "Edm.Double");
                break;
            case DateTimeOffset dto:
                writer.WriteString(name, dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                break;
            case Guid g:
                writer.WriteString(name, g.ToString("D"));
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                break;
            default:
                throw new InvalidOperationException($"Unreachable: TableEntity admits no {value.GetType()}.");
        }
    }

    private static object? ReadValue(JsonElement value, string? type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (type)
        {
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();
            case "Edm.Int32":
                return value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32();
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble();
            case "Edm.DateTime":
                return DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!);
            case "Edm.Binary":
                return value.GetBytesFromBase64();
            case "Edm.Boolean":
                return value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean();
            case "Edm.String":
                return value.GetString();
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when IsIntegral(value.GetRawText()) && value.TryGetInt32(out var i) => i,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        };
    }

    private static bool IsIntegral(string raw) => raw.IndexOfAny(['.', 'e', 'E']) < 0;

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
