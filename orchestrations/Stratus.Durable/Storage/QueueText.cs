using System.Text;

namespace Stratus.Durable.Storage;

/// <summary>
/// Queue messages are Base64 of UTF-8, the Functions queue trigger's default, so the Functions host in Azure and
/// the engine's own listeners read the same messages.
/// </summary>
internal static class QueueText
{
    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string Decode(string message) => Encoding.UTF8.GetString(Convert.FromBase64String(message));
}
