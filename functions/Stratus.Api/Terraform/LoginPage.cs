using System.Net;
using System.Text;

namespace Stratus.Api.Terraform;

/// <summary>
/// The sign-in page terraform login opens in a browser: a plain form, no script, every value HTML-encoded. The
/// authorization request travels in hidden fields, so the POST is checked exactly like the GET.
/// </summary>
internal static class LoginPage
{
    /// <summary>
    /// The page's CSP: its own form may post to itself and then redirect to terraform's loopback listener (browsers
    /// check form-action on the redirect too); inline style only, nothing else loads.
    /// </summary>
    public const string Policy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*; frame-ancestors 'none'; base-uri 'none'";

    public static string Render(TerraformAuthorizationRequest request, string? userName, string? error)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in to Stratus · terraform login</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; color: #1b1f24; }
            label { display: block; margin-top: 1rem; font-weight: 600; }
            input[type=text], input[type=password] { width: 100%; padding: .5rem; margin-top: .25rem; box-sizing: border-box; }
            button { margin-top: 1.5rem; padding: .6rem 1.2rem; font-size: 1rem; }
            .error { color: #a40e26; background: #ffebe9; padding: .6rem; border-radius: 4px; }
            </style>
            </head>
            <body>
            <main>
            <h1>Sign in to Stratus</h1>
            <p>Terraform asks for an API token for this host. Sign in to give it one; it is stored by terraform in its credentials file.</p>

            """);
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(WebUtility.HtmlEncode(error)).Append("</p>\n");
        }

        html.Append("<form method=\"post\" action=\"").Append(TerraformServicePaths.Authorize).Append("\">\n");
        Hidden(html, "client_id", request.ClientId);
        Hidden(html, "response_type", "code");
        Hidden(html, "redirect_uri", request.RedirectUri);
        Hidden(html, "code_challenge", request.CodeChallenge);
        Hidden(html, "code_challenge_method", "S256");
        if (request.State is not null)
        {
            Hidden(html, "state", request.State);
        }

        html.Append("<label for=\"name\">User name</label>\n<input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"username\" required value=\"")
            .Append(WebUtility.HtmlEncode(userName ?? "")).Append("\">\n")
            .Append("<label for=\"password\">Password</label>\n<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\n")
            .Append("<button type=\"submit\">Sign in and return to terraform</button>\n</form>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Hidden(StringBuilder html, string name, string value) =>
        html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\">\n");
}
