using Stratus.Apps.Names;
using Stratus.Infra;
using Stratus.Identity;

namespace Stratus.Api.Api.Validation;

/// <summary>
/// The length limits request bodies are held to, in one place so the OpenAPI document, the validator and the stores agree.
/// Every limit keeps a field well inside what its storage holds: an Azure Tables string property holds 32 K characters,
/// and collections (tags, router options, cnames) are stored as one JSON property whose writer may escape a character
/// as six (<c>\uXXXX</c>), so counts × item lengths × 6 stay below that.
/// </summary>
internal static class InputLimits
{
    public const int AppName = AppNames.MaxNameLength;
    public const int EnvName = AppNames.MaxEnvNameLength;
    public const int CName = AppNames.MaxCNameLength;
    public const int IdentityName = IdentityNames.MaxLength;
    public const int InfraName = InfraNames.MaxLength;

    /// <summary>Names of things that have no stricter rule of their own (plans, platforms, pools, processes, tokens).</summary>
    public const int Name = 64;

    /// <summary>A principal or scope reference such as <c>team:payments</c> or <c>workspace:org/name</c>.</summary>
    public const int Reference = 256;

    /// <summary>Short words from a fixed set (provisioner, router, category, execution mode, origin).</summary>
    public const int Keyword = 32;

    public const int DisplayName = 256;

    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int Email = 254;

    public const int Password = 1024;

    /// <summary>Descriptions, deploy messages and job comments (multi-line); the apps store keeps 8 K, so this never clips.</summary>
    public const int Description = 4096;

    /// <summary>Why something was locked, cancelled, disabled or terminated (one line).</summary>
    public const int Reason = 1024;

    public const int Url = 2048;
    public const int ImageReference = 512;
    public const int GitRef = 256;
    public const int Path = 1024;
    public const int Version = 64;

    public const int Tag = 64;
    public const int MaxTags = 32;

    public const int RouterOptionKey = 64;
    public const int RouterOptionValue = 256;
    public const int MaxRouterOptions = 16;

    public const int MaxCNamesPerRequest = 32;
    public const int MaxEnvsPerRequest = 256;
    public const int MaxGroups = 64;
    public const int MaxPermissions = 256;
    public const int MaxPoolTeams = 256;

    /// <summary>App env values and infra variable values; their stores also hold them to 16 KiB of UTF-8.</summary>
    public const int Value = 16 * 1024;

    /// <summary>An inline Dockerfile is kept in a blob; the deploy reader also holds it to 1 MiB of UTF-8.</summary>
    public const int Dockerfile = 1024 * 1024;
}
