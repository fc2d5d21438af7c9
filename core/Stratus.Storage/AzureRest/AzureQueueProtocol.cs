using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Stratus.Storage.Queues;

namespace Stratus.Storage.AzureRest;

/// <summary>The Queue REST API's wire formats: query values, the message XML in both directions, and dates.</summary>
internal static class AzureQueueProtocol
{
    // The service's "never expires" (messagettl=-1) expiration time.
    private const int NeverExpiresYear = 9999;

    /// <summary>
    /// Whole seconds, rounded up so that a message is never visible earlier or gone sooner than asked;
    /// <see cref="Timeout.InfiniteTimeSpan"/> is the service's -1 ("never expires").
    /// </summary>
    public static long WholeSeconds(TimeSpan value) => value == Timeout.InfiniteTimeSpan ? -1 : (long)Math.Ceiling(value.TotalSeconds);

    /// <summary>
    /// <c>&lt;QueueMessage&gt;&lt;MessageText&gt;…&lt;/MessageText&gt;&lt;/QueueMessage&gt;</c> in UTF-8. Carriage returns are
    /// written as character references, since an XML parser would otherwise turn "\r\n" into "\n".
    /// </summary>
    public static byte[] MessageXml(string text)
    {
        var builder = new StringBuilder(text.Length + 64).Append("<QueueMessage><MessageText>");
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '\r' => builder.Append("&#13;"),
                _ => builder.Append(c),
            };
        }

        return Encoding.UTF8.GetBytes(builder.Append("</MessageText></QueueMessage>").ToString());
    }

    public static async Task<IReadOnlyList<XElement>> ReadMessagesAsync(Stream? content, CancellationToken cancellationToken)
    {
        // Whitespace is the caller's data: a message of spaces must come back as spaces, not as an empty string.
        var document = await XDocument.LoadAsync(content ?? Stream.Null, LoadOptions.PreserveWhitespace, cancellationToken);
        return document.Root?.Elements("QueueMessage").ToList() ?? [];
    }

    public static QueueMessage ToMessage(XElement message) => new(
        Required(message, "MessageId"),
        Required(message, "PopReceipt"),
        message.Element("MessageText")?.Value ?? string.Empty,
        DequeueCount(message),
        ParseDate(Required(message, "InsertionTime")),
        Expiration(message),
        ParseDate(Required(message, "TimeNextVisible")));

    public static PeekedQueueMessage ToPeekedMessage(XElement message) => new(
        Required(message, "MessageId"),
        message.Element("MessageText")?.Value ?? string.Empty,
        DequeueCount(message),
        ParseDate(Required(message, "InsertionTime")),
        Expiration(message));

    public static QueueMessageReceipt ToReceipt(XElement message) => new(
        Required(message, "MessageId"),
        Required(message, "PopReceipt"),
        ParseDate(Required(message, "TimeNextVisible")));

    public static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? Header(Response response, string name) => response.Headers.TryGetValue(name, out var value) ? value : null;

    private static long DequeueCount(XElement message) =>
        long.TryParse(message.Element("DequeueCount")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;

    private static DateTimeOffset? Expiration(XElement message) =>
        message.Element("ExpirationTime")?.Value is { Length: > 0 } value && ParseDate(value) is var expires && expires.Year < NeverExpiresYear
            ? expires
            : null;

    private static string Required(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new InvalidOperationException($"The queue service's message has no <{name}>.");
}
