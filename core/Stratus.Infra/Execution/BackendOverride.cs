using System.Text;

namespace Stratus.Infra.Execution;

/// <summary>
/// Points a configuration's state at Stratus's state API through Terraform's built-in <c>http</c> backend, so state
/// versions and locks are ours. An <c>_override.tf</c> file replaces whatever backend (or <c>cloud</c> block) the
/// configuration declares. Credentials are never written here: the runner passes them as
/// <see cref="UsernameVariable"/> and <see cref="PasswordVariable"/> (see <see cref="CredentialEnvironment"/>).
/// </summary>
public static class BackendOverride
{
    public const string FileName = "stratus_backend_override.tf";

    public const string UsernameVariable = "TF_HTTP_USERNAME";

    public const string PasswordVariable = "TF_HTTP_PASSWORD";

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> (the workspace folder) and returns its path.</summary>
    public static string Write(string directory, Uri stateAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(stateAddress);
        if (!stateAddress.IsAbsoluteUri || (stateAddress.Scheme != Uri.UriSchemeHttp && stateAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The state address '{stateAddress}' must be an absolute http(s) URL.", nameof(stateAddress));
        }

        if (!string.IsNullOrEmpty(stateAddress.UserInfo))
        {
            throw new ArgumentException("The state address must not carry credentials; pass them as TF_HTTP_USERNAME/TF_HTTP_PASSWORD.", nameof(stateAddress));
        }

        var address = HclString(stateAddress.AbsoluteUri);
        var content = new StringBuilder()
            .Append("# Written by Stratus for this run: state and locks go to the Stratus state API.\n")
            .Append("terraform {\n")
            .Append("  backend \"http\" {\n")
            .Append("    address        = ").Append(address).Append('\n')
            .Append("    lock_address   = ").Append(address).Append('\n')
            .Append("    unlock_address = ").Append(address).Append('\n')
            .Append("    lock_method    = \"LOCK\"\n")
            .Append("    unlock_method  = \"UNLOCK\"\n")
            // A step outlives a restart of the control plane (its sandbox keeps running), so its state calls must wait
            // for the API to come back rather than fail the apply: about two minutes of retries, not terraform's 2.
            .Append("    retry_max      = 15\n")
            .Append("    retry_wait_min = 1\n")
            .Append("    retry_wait_max = 10\n")
            .Append("  }\n")
            .Append("}\n")
            .ToString();
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The state API address of a workspace: <c>{api}/api/v1/organizations/{org}/workspaces/{ws}/state</c>.</summary>
    public static Uri StateAddress(Uri apiBaseUrl, string organization, string workspace)
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        ArgumentException.ThrowIfNullOrEmpty(organization);
        ArgumentException.ThrowIfNullOrEmpty(workspace);
        var root = apiBaseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri($"{root}/api/v1/organizations/{Uri.EscapeDataString(organization)}/workspaces/{Uri.EscapeDataString(workspace)}/state");
    }

    /// <summary>
    /// The backend's credentials as environment variables. Terraform's http backend speaks HTTP Basic only, so the
    /// state API takes an API token as the password.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CredentialEnvironment(string username, string password) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [UsernameVariable] = username, [PasswordVariable] = password };

    /// <summary>A quoted HCL string: quotes and backslashes escaped, and <c>${</c>/<c>%{</c> kept from being read as templates.</summary>
    internal static string HclString(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var next = i + 1 < value.Length ? value[i + 1] : '\0';
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                '$' or '%' when next == '{' => quoted.Append(c).Append(c),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
