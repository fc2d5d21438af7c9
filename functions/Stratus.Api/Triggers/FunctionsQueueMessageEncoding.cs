using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Stratus.Api.Triggers;

/// <summary>
/// The queue trigger's message encoding: Base64 of UTF-8, which is what the Functions queue trigger reads by default
/// (<c>messageEncoding: base64</c>). Producers encode with this so that the Functions host in Azure and the standalone
/// listeners read the same message. Encoding costs a third: a 64 KiB message carries 48 KiB of UTF-8.
/// </summary>
public static class FunctionsQueueMessageEncoding
{
    // Strict both ways: a lone surrogate or a stray byte is a producer bug, and replacing it with U+FFFD would
    // silently hand the function different text than was sent.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="ArgumentException">The text is not valid UTF-16 (a lone surrogate).</exception>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToBase64String(StrictUtf8.GetBytes(text));
    }

    /// <returns><c>false</c> when the message is not Base64, or its bytes are not UTF-8.</returns>
    public static bool TryDecode(string messageText, [NotNullWhen(true)] out string? text)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        text = null;
        var bytes = new byte[(messageText.Length + 3) / 4 * 3];
        if (!Convert.TryFromBase64String(messageText, bytes, out var written))
        {
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(bytes, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <exception cref="FormatException">The message is not Base64 of UTF-8.</exception>
    public static string Decode(string messageText) =>
        TryDecode(messageText, out var text)
            ? text
            : throw new FormatException("The queue message is not Base64-encoded UTF-8; producers must encode with FunctionsQueueMessageEncoding.Encode.");
}
