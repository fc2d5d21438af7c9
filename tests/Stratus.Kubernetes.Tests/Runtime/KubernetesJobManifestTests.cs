using k8s;
using Stratus.Kubernetes.Runtime;

namespace Stratus.Kubernetes.Tests.Runtime;

/// <summary>
/// The Kubernetes objects of an app job, checked as built and as serialized (no API server can be had here, so the
/// manifests are what is verified; the podman runner runs the same spec for real).
/// </summary>
public sealed class KubernetesJobManifestTests
{
    private static JobManifestSpec Spec(bool manual = false) => new(
        "nightly", "web", "prod", "apps", manual, "0 3 * * *", "Forbid", "registry.example/stratus/app-web:v3", ["sh", "-c", "echo $HOME"],
        [new JobManifestEnv("LEVEL", "a$b", Private: false), new JobManifestEnv("TOKEN", "s3cret", Private: true)],
        new ResourcePlan("small", 250, 128 * 1024 * 1024), 600, 2);

    [Fact]
    public void CronJob_ScheduledJob_CarriesTsurusNameLabelsAndJobSpec()
    {
        var cron = KubernetesJobManifest.CronJob(Spec());

        Assert.Equal("batch/v1", cron.ApiVersion);
        Assert.Matches("^nightly-[0-9a-f]{8}$", cron.Metadata.Name);
        Assert.Equal("apps", cron.Metadata.NamespaceProperty);
        Assert.Equal("0 3 * * *", cron.Spec.Schedule);
        Assert.False(cron.Spec.Suspend);
        Assert.Equal("Forbid", cron.Spec.ConcurrencyPolicy);
        Assert.Equal("nightly", cron.Metadata.Labels["tsuru.io/job-name"]);
        Assert.Equal("web", cron.Metadata.Labels["tsuru.io/job-team"]);
        Assert.Equal("prod", cron.Metadata.Labels["tsuru.io/job-pool"]);
        Assert.Equal("false", cron.Metadata.Labels["tsuru.io/job-manual"]);
        var job = cron.Spec.JobTemplate.Spec;
        Assert.Equal(2, job.BackoffLimit);
        Assert.Equal(600, job.ActiveDeadlineSeconds);
        Assert.Equal(86400, job.TtlSecondsAfterFinished);
        Assert.Equal("OnFailure", job.Template.Spec.RestartPolicy);
        var container = Assert.Single(job.Template.Spec.Containers);
        Assert.Equal("job", container.Name);
        Assert.Equal(["sh", "-c", "echo $HOME"], container.Command);
        Assert.Equal("250m", container.Resources.Limits["cpu"].ToString());
        Assert.Equal("a$$b", Assert.Single(container.Env, e => e.Name == "LEVEL").Value);
        var token = Assert.Single(container.Env, e => e.Name == "TOKEN");
        Assert.Null(token.Value);
        Assert.Equal("tsuru-job-nightly", token.ValueFrom.SecretKeyRef.Name);
    }

    [Fact]
    public void CronJob_ManualJob_IsSuspendedWithANeverSchedule()
    {
        var cron = KubernetesJobManifest.CronJob(Spec(manual: true));

        Assert.True(cron.Spec.Suspend);
        Assert.Equal("* * 31 2 *", cron.Spec.Schedule);
        Assert.Equal("true", cron.Metadata.Labels["tsuru.io/job-manual"]);
        Assert.NotEqual(KubernetesJobManifest.CronJobName(Spec()), cron.Metadata.Name);
    }

    [Fact]
    public void JobAndSecret_Serialized_HoldTheRunLabelAndOnlyThePrivateValue()
    {
        var job = KubernetesJson.Serialize(KubernetesJobManifest.Job(Spec(), "9223371234567890123abcdef012345"));
        var secret = KubernetesJobManifest.Secret(Spec());

        Assert.Contains("\"kind\":\"Job\"", job, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"nightly-abcdef012345\"", job, StringComparison.Ordinal);
        Assert.Contains("\"stratus.io/job-run\":\"9223371234567890123abcdef012345\"", job, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", job, StringComparison.Ordinal);
        Assert.NotNull(secret);
        Assert.Equal("tsuru-job-nightly", secret.Metadata.Name);
        Assert.Equal("s3cret", System.Text.Encoding.UTF8.GetString(Assert.Single(secret.Data).Value));
        Assert.Null(KubernetesJobManifest.Secret(Spec() with { Env = [] }));
    }
}
