using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// A job's Kubernetes objects, as Tsuru's provisioner makes them: a CronJob named <c>&lt;job&gt;-&lt;hash of the
/// schedule&gt;</c> (suspended, with a schedule that never comes, for a manual job), whose Job template runs one
/// container <c>job</c> with restart policy OnFailure, the backoff limit, the deadline, a day's TTL after it finishes
/// and the plan's limits; private env comes from the Secret <c>tsuru-job-&lt;job&gt;</c>. A trigger creates a Job from
/// the same template. Labels are Tsuru's (<c>tsuru.io/job-name</c>, <c>job-team</c>, <c>job-pool</c>, <c>is-job</c>,
/// <c>job-manual</c>), so Tsuru's tools find them.
/// </summary>
public static class KubernetesJobManifest
{
    public const string ContainerName = "job";
    public const string LabelPrefix = "tsuru.io/";
    public const string SecretPrefix = "tsuru-job-";

    /// <summary>A finished Job's pods stay a day, as in Tsuru: the log is kept by Stratus.</summary>
    public const int TtlSecondsAfterFinished = 86400;

    /// <summary>The schedule a manual job's CronJob carries (it is suspended anyway).</summary>
    public const string NeverSchedule = "* * 31 2 *";

    public static IDictionary<string, string> Labels(JobManifestSpec spec) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LabelPrefix + "job-name"] = spec.Name,
        [LabelPrefix + "job-team"] = spec.TeamOwner,
        [LabelPrefix + "job-pool"] = spec.Pool,
        [LabelPrefix + "is-job"] = "true",
        [LabelPrefix + "job-manual"] = spec.Manual ? "true" : "false",
        ["app.kubernetes.io/name"] = "tsuru-job",
        ["app.kubernetes.io/instance"] = spec.Name,
        ["app.kubernetes.io/component"] = "job",
        [Manifests.ManifestLabels.ManagedBy] = Manifests.ManifestLabels.ManagedByValue,
    };

    /// <summary>Tsuru's CronJob name: the job's name and the first 8 hex digits of the schedule's SHA-256.</summary>
    public static string CronJobName(JobManifestSpec spec) =>
        $"{spec.Name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ScheduleOf(spec))))[..8]}";

    public static V1CronJob CronJob(JobManifestSpec spec) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "CronJob",
        Metadata = new V1ObjectMeta { Name = CronJobName(spec), NamespaceProperty = spec.Namespace, Labels = Labels(spec) },
        Spec = new V1CronJobSpec
        {
            Schedule = ScheduleOf(spec),
            Suspend = spec.Manual,
            ConcurrencyPolicy = spec.ConcurrencyPolicy,
            JobTemplate = new V1JobTemplateSpec { Metadata = new V1ObjectMeta { Labels = Labels(spec) }, Spec = JobSpec(spec) },
        },
    };

    /// <summary>The Job one run creates (a trigger, or a firing run by Stratus's timer), named after the run.</summary>
    public static V1Job Job(JobManifestSpec spec, string runId) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta
        {
            Name = $"{spec.Name}-{runId[^12..]}",
            NamespaceProperty = spec.Namespace,
            Labels = new Dictionary<string, string>(Labels(spec)) { ["stratus.io/job-run"] = runId },
        },
        Spec = JobSpec(spec),
    };

    /// <summary>The Secret with the private env values, or <c>null</c> when there are none.</summary>
    public static V1Secret? Secret(JobManifestSpec spec)
    {
        var data = spec.Env.Where(e => e.Private).ToDictionary(e => e.Name, e => Encoding.UTF8.GetBytes(e.Value), StringComparer.Ordinal);
        return data.Count == 0 ? null : new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta { Name = SecretPrefix + spec.Name, NamespaceProperty = spec.Namespace, Labels = Labels(spec) },
            Data = data,
        };
    }

    private static string ScheduleOf(JobManifestSpec spec) => spec.Manual ? NeverSchedule : spec.Schedule;

    private static V1JobSpec JobSpec(JobManifestSpec spec) => new()
    {
        BackoffLimit = spec.BackoffLimit,
        ActiveDeadlineSeconds = spec.ActiveDeadlineSeconds,
        TtlSecondsAfterFinished = TtlSecondsAfterFinished,
        Template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = Labels(spec) },
            Spec = new V1PodSpec
            {
                RestartPolicy = "OnFailure",
                Containers =
                [
                    new V1Container
                    {
                        Name = ContainerName,
                        Image = spec.Image,
                        Command = spec.Command.Count == 0 ? null : spec.Command.ToList(),
                        Env = spec.Env.Select(e => Env(spec, e)).ToList(),
                        Resources = Resources(spec.Resources),
                    },
                ],
            },
        },
    };

    // Kubernetes expands $(VAR) in values; a literal '$' is written '$$', as Tsuru does.
    private static V1EnvVar Env(JobManifestSpec spec, JobManifestEnv env) => env.Private
        ? new V1EnvVar { Name = env.Name, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretPrefix + spec.Name, Key = env.Name } } }
        : new V1EnvVar { Name = env.Name, Value = env.Value.Replace("$", "$$", StringComparison.Ordinal) };

    private static V1ResourceRequirements? Resources(ResourcePlan? plan)
    {
        if (plan is null || (plan.CpuMilli <= 0 && plan.MemoryBytes <= 0))
        {
            return null;
        }

        var quantities = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (plan.CpuMilli > 0)
        {
            quantities["cpu"] = new ResourceQuantity(plan.CpuMilli.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (plan.MemoryBytes > 0)
        {
            quantities["memory"] = new ResourceQuantity(plan.MemoryBytes.ToString(CultureInfo.InvariantCulture));
        }

        return new V1ResourceRequirements { Limits = quantities, Requests = new Dictionary<string, ResourceQuantity>(quantities, StringComparer.Ordinal) };
    }
}
