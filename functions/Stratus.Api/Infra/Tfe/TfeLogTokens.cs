using System.Globalization;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// go-tfe's log reader fetches a plan's or apply's log-read-url without credentials (HCP Terraform hands out signed
/// archivist URLs), so the URL carries its own proof: a <see cref="LinkSigner"/> signature over the phase id, as
/// <c>{expires}.{signature}</c>. Only a caller who could read the run got the URL; a token for another phase, or an
/// altered one, reads nothing. It lasts <see cref="Lifetime"/>, because go-tfe keeps polling the one URL it was given
/// for as long as the phase runs.
/// </summary>
internal sealed class TfeLogTokens(LinkSigner links)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private const string Purpose = "tfe-log-read";

    public string Issue(string phaseId)
    {
        var signed = links.Sign(Purpose, phaseId, Lifetime);
        return $"{signed.Expires.ToString(CultureInfo.InvariantCulture)}.{signed.Signature}";
    }

    public bool Opens(string phaseId, string token) =>
        token.Split('.') is [var expires, var signature]
        && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
        && links.Check(Purpose, phaseId, at, signature) == LinkCheck.Valid;
}
