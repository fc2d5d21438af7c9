namespace Stratus.Infra.State;

/// <summary>
/// Whether a new state may follow the current one, by terraform's own rules (<c>terraform state push</c> and HCP
/// Terraform refuse the same): the lineage must be the same (another lineage is another state, e.g. another
/// workspace's or a fresh <c>terraform init</c>'s), and the serial must not go down (a lower serial is an older copy;
/// writing it would lose what changed since). An equal serial with other content is a second, diverging state:
/// terraform raises the serial with every change it persists. An identical state is not a new version at all.
/// </summary>
internal static class StateSuccession
{
    private const string Force =
        "To replace it anyway, someone with the 'state.manage' permission can send it with ?force=true (for terraform's http backend, " +
        "end the address with ?force=true and run 'terraform state push -force').";

    /// <returns>Why <paramref name="next"/> must not replace <paramref name="current"/>, or <c>null</c> when it may.</returns>
    public static string? Problem(StateVersion current, StateDocument next)
    {
        if (!string.Equals(next.Lineage, current.Lineage, StringComparison.Ordinal))
        {
            return $"The state's lineage '{next.Lineage}' is not the workspace's '{current.Lineage}' (version {current.Number}, serial {current.Serial}): " +
                $"it is a different state (another workspace's, or one started anew), and writing it would replace this workspace's resources. " +
                $"Pull the current state (terraform init) and apply again. {Force}";
        }

        if (next.Serial < current.Serial)
        {
            return $"The state's serial {next.Serial} is lower than the current state's {current.Serial} (version {current.Number}): it is an older copy, " +
                $"and writing it would lose the changes made since. Run terraform again so it reads the current state, or roll back to an earlier version " +
                $"(POST …/state/versions/{{v}}/rollback). {Force}";
        }

        if (next.Serial == current.Serial)
        {
            return $"The state's serial {next.Serial} is the current state's (version {current.Number}) but its content differs: terraform raises the serial " +
                $"with every change, so this is a second state that diverged from the stored one. Run terraform again so it reads the current state. {Force}";
        }

        return null;
    }
}
