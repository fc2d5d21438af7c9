namespace Stratus.Kubernetes.Runtime;

/// <summary>A job's env var for its manifests: a private one is read from the job's Secret, never written into the CronJob.</summary>
public sealed record JobManifestEnv(string Name, string Value, bool Private);
