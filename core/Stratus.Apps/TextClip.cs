namespace Stratus.Apps;

/// <summary>
/// What the app stores do with free text that must fit one table property (32 K characters on Azure Tables).
/// <para>
/// Text a user sent (descriptions, deploy messages, reasons) is never clipped: the API refuses it over its declared
/// limit (a 400 naming the field), and <see cref="Checked"/> refuses it here too, so a caller that skipped the API's
/// check fails loudly instead of losing the end of what the user wrote.
/// </para>
/// <para>
/// Text the platform wrote (an operation's error, which may carry a whole build or rollout log) is clipped by
/// <see cref="Clip"/> to keep the row storable, visibly: the stored text ends with a marker that says how long the
/// original was and that the event log holds it whole (the operation finisher appends the full error to the log
/// before it records the event's end).
/// </para>
/// </summary>
internal static class TextClip
{
    public const int MaxChars = 8 * 1024;

    /// <summary>
    /// The longest user-supplied text the stores accept. The API's limits are below it (descriptions 4,096); it stays at
    /// what the stores kept before, so rows written then (clipped to this) can still be rewritten.
    /// </summary>
    public const int MaxUserChars = MaxChars;

    public static string? Clip(string? text)
    {
        if (text is not { Length: > MaxChars })
        {
            return text;
        }

        var marker = $"… [clipped: {text.Length} characters in all; the event log has the full text]";
        return text[..(MaxChars - marker.Length)] + marker;
    }

    /// <exception cref="Names.InvalidAppRequestException">The text is longer than <see cref="MaxUserChars"/>.</exception>
    public static string? Checked(string? text, string field) =>
        text is { Length: > MaxUserChars }
            ? throw new Names.InvalidAppRequestException($"The {field} has {text.Length} characters; at most {MaxUserChars} are allowed. Shorten it.")
            : text;
}
