using Stratus.Secrets;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// go-tfe's log reader fetches a plan's or apply's log-read-url without credentials (HCP Terraform hands out signed
/// archivist URLs), so the URL carries its own: the phase id sealed with the server's secret key. Only a caller who
/// could read the run got the URL; a token for another phase, or an altered one, reads nothing.
/// </summary>
internal sealed class TfeLogTokens(SecretProtector protector)
{
    private const string Context = "tfe-log-read-url";

    public string Issue(string phaseId) => protector.Protect(phaseId, Context);

    public bool Opens(string phaseId, string token)
    {
        try
        {
            return protector.Unprotect(token, Context) == phaseId;
        }
        catch (SecretProtectionException)
        {
            return false;
        }
    }
}
