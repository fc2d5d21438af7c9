using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Stratus.Infra;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// The TFE API's resource ids. Stratus names workspaces, jobs and state versions by organization, workspace and number,
/// and the TFE API names them by one id, so the id carries those names (Base64url: only the letters, digits, '-' and
/// '_' go-tfe accepts in an id). Every request finds its row with a point read, and a made-up id decodes to nothing.
/// </summary>
internal static class TfeIds
{
    public const string WorkspacePrefix = "ws-";
    public const string RunPrefix = "run-";
    public const string PlanPrefix = "plan-";
    public const string ApplyPrefix = "apply-";
    public const string StateVersionPrefix = "sv-";
    public const string ConfigurationVersionPrefix = "cv-";

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Workspace(string organization, string workspace) => WorkspacePrefix + Encode($"{organization}/{workspace}");

    public static string Job(string prefix, string organization, string workspace, long number) =>
        prefix + Encode(string.Create(CultureInfo.InvariantCulture, $"{organization}/{workspace}/{number}"));

    /// <returns>The organization and workspace an id names, or <c>null</c> for an id this API did not make.</returns>
    public static (string Organization, string Workspace)? ParseWorkspace(string id) =>
        Decode(WorkspacePrefix, id) is [var organization, var workspace] && Valid(organization, workspace) ? (organization, workspace) : null;

    /// <returns>The organization, workspace and number a run, plan, apply or state version id names, or <c>null</c>.</returns>
    public static (string Organization, string Workspace, int Number)? ParseNumbered(string prefix, string id) =>
        Decode(prefix, id) is [var organization, var workspace, var text]
        && Valid(organization, workspace)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? (organization, workspace, number)
            : null;

    /// <summary>Configuration version ids are random (<c>cv-</c> and 24 hex digits); anything else is not looked up.</summary>
    public static bool IsConfigurationVersion(string id) =>
        id.Length == ConfigurationVersionPrefix.Length + 24 && id.StartsWith(ConfigurationVersionPrefix, StringComparison.Ordinal) && id[ConfigurationVersionPrefix.Length..].All(char.IsAsciiHexDigitLower);

    private static bool Valid(string organization, string workspace) =>
        InfraNames.Problem(organization, "organization") is null && InfraNames.Problem(workspace, "workspace") is null;

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string[]? Decode(string prefix, string id)
    {
        if (!id.StartsWith(prefix, StringComparison.Ordinal) || id.Length > prefix.Length + 400)
        {
            return null;
        }

        var encoded = id[prefix.Length..];
        if (encoded.Length == 0 || !encoded.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        try
        {
            return Base64Url.TryDecodeFromChars(encoded, buffer, out var written) ? Strict.GetString(buffer, 0, written).Split('/') : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // Not Base64url of UTF-8 text: not an id this API made.
            return null;
        }
    }
}
