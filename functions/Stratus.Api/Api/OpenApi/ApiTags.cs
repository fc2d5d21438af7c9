namespace Stratus.Api.Api.OpenApi;

/// <summary>
/// Every tag an endpoint may carry (<c>.WithTags(…)</c>), with the description the API document gives it. Declared once
/// here so the document transformer can describe them; the lint test fails, naming the tag, when an endpoint uses one
/// that is missing.
/// </summary>
internal static class ApiTags
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Platform"] = "What this deployment runs: its version, storage, drivers and functions.",
        ["Health"] = "Liveness and readiness probes for load balancers and the Functions host.",
        ["Events"] = "The platform's event log: what happened to apps, jobs and identities, and who did it.",
        ["Orchestrations"] = "The durable workflows behind jobs and app operations: status, history, and raising, suspending or terminating them (operators).",
        ["Identity"] = "Sign-in, users, teams, API tokens, roles, permissions and grants.",
        ["Organizations"] = "Infrastructure organizations: the top-level scope of workspaces, templates, collections and schedules.",
        ["Workspaces"] = "Terraform workspaces: source, terraform version, settings, and their resolved variables.",
        ["Templates"] = "Job templates (Terrakube's TCL YAML flows): plan, approval, apply and custom steps.",
        ["Jobs"] = "Infrastructure jobs: a template's flow run on a workspace (plan, approve, apply), with step logs.",
        ["Schedules"] = "Cron schedules that start a template's job on a workspace.",
        ["State"] = "Terraform state: the http backend (HTTP Basic, as terraform sends it), locking, version history and rollback.",
        ["Variables"] = "Terraform and environment variables of organizations, collections and workspaces; sensitive values are encrypted and never returned.",
        ["Pools"] = "App pools: where apps run (Kubernetes or podman), their registry and router.",
        ["Plans"] = "App plans: the CPU and memory each unit of an app gets.",
        ["Platforms"] = "App platforms: the base images app archives are built on.",
        ["Apps"] = "Apps as in Tsuru: create, deploy from source, image or Dockerfile, env, units, cnames, certificates, versions, rollback, logs and events.",
        ["Jobs (apps)"] = "App jobs as in Tsuru: one-off or scheduled containers, and their runs.",
        ["Providers"] = "The private registry's providers: publish a version from its zips, list, remove; the organization's signing key.",
        ["Provider registry protocol"] = "Terraform's provider registry protocol (providers.v1): what terraform init reads to install and verify a provider.",
        ["Terraform protocols"] = "Terraform's remote service discovery: where this host serves the registry, login and TFE protocols.",
        ["Terraform login"] = "Terraform's login protocol (login.v1): the sign-in page terraform login opens and its token endpoint (OAuth 2.0 authorization code with PKCE).",
    };
}
