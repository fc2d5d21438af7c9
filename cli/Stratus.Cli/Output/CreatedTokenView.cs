using Stratus.Cli.Api;
using Stratus.Client.Models;

namespace Stratus.Cli.Output;

/// <summary>Shows a newly created token: the only place the CLI ever prints a secret, once, as the API returned it.</summary>
internal static class CreatedTokenView
{
    public static void Show(CliEnvironment environment, CliOutput output, ApiResult<CreatedTokenResponse> created)
    {
        if (output.IsJson)
        {
            output.Json(created.Json);
            return;
        }

        var token = created.Value.Token ?? new TokenResponse();
        output.Success($"Created {token.Kind} token '{token.Name}' ({token.Id}) for {token.Owner}; it {Cells.Expiry(token.ExpiresAt)}.");
        output.Info(created.Value.Note ?? "Store the secret now: it is shown only this once.");
        // Written as is, never through table layout, so it cannot be wrapped or cut.
        environment.Out.WriteLine(created.Value.Secret);
        environment.Out.Flush();
    }
}
