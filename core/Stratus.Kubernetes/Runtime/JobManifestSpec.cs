namespace Stratus.Kubernetes.Runtime;

/// <summary>What the Kubernetes manifests of a job are made from (Tsuru's job spec, with the image resolved).</summary>
public sealed record JobManifestSpec(
    string Name,
    string TeamOwner,
    string Pool,
    string Namespace,
    bool Manual,
    string Schedule,
    string ConcurrencyPolicy,
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyList<JobManifestEnv> Env,
    ResourcePlan? Resources,
    long ActiveDeadlineSeconds,
    int BackoffLimit);
