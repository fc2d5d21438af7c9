using System.Globalization;
using System.Text.Json;
using Stratus.Functions.Functions;

namespace Stratus.Functions.CustomHandler;

/// <summary>
/// Reads the Functions host's invocation payload, <c>{"Data":{binding: value},"Metadata":{…,"sys":{…}}}</c>, into our
/// invocation records. Throws <see cref="MalformedInvocationException"/> naming the offending member.
/// </summary>
/// <remarks>
/// The host builds the payload with Json.NET and passes every value that is not an object through
/// <c>JsonConvert.SerializeObject</c> first, so scalars can arrive encoded twice: a message <c>hi</c> as <c>"\"hi\""</c>,
/// a dequeue count as <c>"1"</c>, an id as <c>"\"abc\""</c>. A JSON-looking message can arrive as an object or array.
/// The documented plain shapes are accepted too. One ambiguity is inherent: a message whose own text is a JSON string
/// literal (it starts and ends with a quote) is indistinguishable from the double-encoded form and is unwrapped once.
/// </remarks>
internal static class InvocationPayloadReader
{
    public static QueueInvocation ReadQueue(JsonElement payload, string functionName, QueueFunctionTrigger trigger)
    {
        var data = RequireObject(payload, "Data", "the request body");
        var message = RequireMember(data, CustomHandlerBindings.Queue, "Data");
        var text = message.ValueKind switch
        {
            JsonValueKind.String => UnwrapJsonString(message.GetString()!),
            JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => message.GetRawText(),
            _ => throw new MalformedInvocationException($"Data.{CustomHandlerBindings.Queue} must hold the queue message, but it is null."),
        };

        // Metadata members are optional: the host's admin endpoint (manual runs) invokes without the queue's metadata.
        var metadata = OptionalObject(payload, "Metadata", "the request body");
        return new QueueInvocation(
            functionName,
            trigger.QueueName,
            text,
            ReadString(metadata, "Id") ?? string.Empty,
            ReadString(metadata, "PopReceipt"),
            ReadInt64(metadata, "DequeueCount") ?? 1,
            ReadTime(metadata, "InsertionTime"),
            ReadTime(metadata, "ExpirationTime"),
            ReadTime(metadata, "NextVisibleTime"));
    }

    public static TimerInvocation ReadTimer(JsonElement payload, string functionName)
    {
        var data = RequireObject(payload, "Data", "the request body");
        var timer = RequireMember(data, CustomHandlerBindings.Timer, "Data");
        var path = $"Data.{CustomHandlerBindings.Timer}";
        if (timer.ValueKind == JsonValueKind.String)
        {
            timer = ParseEmbeddedObject(timer.GetString()!, path);
        }

        if (timer.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedInvocationException($"{path} must be the timer object {{\"Schedule\",\"ScheduleStatus\",\"IsPastDue\"}}, but it is {Describe(timer)}.");
        }

        TimerScheduleStatus? status = null;
        if (TryGetMember(timer, "ScheduleStatus", out var statusElement) && statusElement.ValueKind != JsonValueKind.Null)
        {
            if (statusElement.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedInvocationException($"{path}.ScheduleStatus must be an object or null, but it is {Describe(statusElement)}.");
            }

            status = new TimerScheduleStatus(
                RequireTime(statusElement, "Last", $"{path}.ScheduleStatus"),
                RequireTime(statusElement, "Next", $"{path}.ScheduleStatus"),
                RequireTime(statusElement, "LastUpdated", $"{path}.ScheduleStatus"));
        }

        return new TimerInvocation(functionName, status, ReadBoolean(timer, "IsPastDue", path) ?? false);
    }

    private static JsonElement RequireObject(JsonElement parent, string name, string where)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedInvocationException($"{Capitalize(where)} must be a JSON object, but it is {Describe(parent)}.");
        }

        if (!TryGetMember(parent, name, out var value))
        {
            throw new MalformedInvocationException($"{Capitalize(where)} has no '{name}' member.");
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new MalformedInvocationException($"'{name}' must be a JSON object, but it is {Describe(value)}.");
    }

    private static JsonElement? OptionalObject(JsonElement parent, string name, string where)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedInvocationException($"{Capitalize(where)} must be a JSON object, but it is {Describe(parent)}.");
        }

        if (!TryGetMember(parent, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new MalformedInvocationException($"'{name}' must be a JSON object, but it is {Describe(value)}.");
    }

    private static JsonElement RequireMember(JsonElement parent, string name, string path) =>
        TryGetMember(parent, name, out var value)
            ? value
            : throw new MalformedInvocationException($"{path} has no '{name}' member; the trigger binding in function.json is named '{name}'.");

    private static string? ReadString(JsonElement? parent, string name)
    {
        if (parent is not { } metadata || !TryGetMember(metadata, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? UnwrapJsonString(value.GetString()!)
            : throw new MalformedInvocationException($"Metadata.{name} must be a string, but it is {Describe(value)}.");
    }

    private static long? ReadInt64(JsonElement? parent, string name)
    {
        if (parent is not { } metadata || !TryGetMember(metadata, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(UnwrapJsonString(value.GetString()!), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new MalformedInvocationException($"Metadata.{name} must be an integer, but it is {Describe(value)}.");
    }

    private static DateTimeOffset? ReadTime(JsonElement? parent, string name)
    {
        if (parent is not { } metadata || !TryGetMember(metadata, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ParseTime(value, $"Metadata.{name}");
    }

    private static DateTimeOffset RequireTime(JsonElement parent, string name, string path) =>
        TryGetMember(parent, name, out var value) && value.ValueKind != JsonValueKind.Null
            ? ParseTime(value, $"{path}.{name}")
            : throw new MalformedInvocationException($"{path} has no '{name}' time.");

    // The host writes DateTime values without an offset when their kind is unspecified (the timer's first "Last" is
    // "0001-01-01T00:00:00"); the Functions host runs on UTC, so a missing offset means UTC.
    private static DateTimeOffset ParseTime(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(
            UnwrapJsonString(value.GetString()!),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var time)
            ? time
            : throw new MalformedInvocationException($"{path} must be an ISO 8601 time, but it is {Describe(value)}.");

    private static bool? ReadBoolean(JsonElement parent, string name, string path)
    {
        if (!TryGetMember(parent, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(UnwrapJsonString(value.GetString()!), out var flag) => flag,
            _ => throw new MalformedInvocationException($"{path}.{name} must be true or false, but it is {Describe(value)}."),
        };
    }

    private static JsonElement ParseEmbeddedObject(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(UnwrapJsonString(text));
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new MalformedInvocationException($"{path} is a string that does not hold the timer object as JSON: {ex.Message}");
        }
    }

    /// <summary>Undoes the host's extra <c>JsonConvert.SerializeObject</c> of a string, when it was applied.</summary>
    private static string UnwrapJsonString(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetString() ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    // The host writes PascalCase; accept any casing so a hand-made payload (admin runs, tests) is not refused for it.
    private static bool TryGetMember(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
