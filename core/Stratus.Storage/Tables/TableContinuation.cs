using System.Buffers.Text;
using System.Text;

namespace Stratus.Storage.Tables;

/// <summary>The opaque continuation token of a table query: the next partition and row to read, URL-safe.</summary>
internal static class TableContinuation
{
    public static string? Encode(string? nextPartition, string? nextRow) =>
        nextPartition is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(nextRow is null ? nextPartition : nextPartition + "\n" + nextRow));

    public static (string Partition, string? Row)? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException ex)
        {
            throw new InvalidStorageRequestException("InvalidInput", "The continuation token is not one this store issued; pass the token from the previous page unchanged.", innerException: ex);
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? (text, null) : (text[..newline], text[(newline + 1)..]);
    }
}
