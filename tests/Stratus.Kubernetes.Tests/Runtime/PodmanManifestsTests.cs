using System.Text.Json.Nodes;
using Stratus.Kubernetes.Manifests;
using Stratus.Kubernetes.Runtime;

namespace Stratus.Kubernetes.Tests.Runtime;

public sealed class PodmanManifestsTests
{
    [Fact]
    public void ForUnit_WebProcess_TranslatesDeploymentForHostNetwork()
    {
        var spec = Spec(units: 3) with { RestartAfter = ["echo after"] };
        var (deployments, secrets) = PodmanManifests.Split(ManifestBuilder.Build(spec));
        var generation = PodmanManifests.Generation(deployments["web"], secrets);

        var unit = PodmanManifests.ForUnit(deployments["web"], secrets, "web", 4, generation, 1, [20005]);

        Assert.Equal($"shop-web-v4-{generation}-1", unit.Name);
        Assert.Equal($"shop-web-v4-{generation}-1-pod-0", unit.PodName);
        Assert.Equal($"shop-web-v4-{generation}-1-pod-0-web", unit.ContainerName);
        Assert.Equal(1, unit.Manifest["spec"]!["replicas"]!.GetValue<int>());
        var container = unit.Manifest["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        Assert.Null(container["envFrom"]);
        Assert.Null(container["ports"]);
        Assert.Null(container["lifecycle"]);
        var env = container["env"]!.AsArray().Select(e => (e!["name"]!.GetValue<string>(), e!["value"]!.GetValue<string>())).ToList();
        Assert.Equal([("A", "x y \"z\""), ("B", "2"), ("PORT", "20005"), ("PORT_web", "20005")], env);
        Assert.Equal(20005, container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<int>());
        var labels = unit.Manifest["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.Equal("1", labels["app-unit"]!.GetValue<string>());
        Assert.Equal("20005", labels["stratus.io/port"]!.GetValue<string>());
        Assert.Equal(generation, labels["stratus.io/generation"]!.GetValue<string>());
        Assert.Equal("shop", labels["app-name"]!.GetValue<string>());
        Assert.Equal(new PodmanProbe(PodmanProbe.HttpGet, "/health", null, 60), PodmanProbe.FromLabel(labels["stratus.io/probe"]!.GetValue<string>()));
        Assert.Equal(["/bin/sh", "-lc", "echo after"], unit.PostStart);
        Assert.Equal(new PodmanProbe(PodmanProbe.HttpGet, "/health", null, 60), unit.Probe);
    }

    [Fact]
    public void ForUnit_EnvAlsoSetExplicitly_ExplicitValueWins()
    {
        var spec = Spec(units: 1) with { Env = new Dictionary<string, string> { ["PORT"] = "1", ["C"] = "3" } };
        var (deployments, secrets) = PodmanManifests.Split(ManifestBuilder.Build(spec));

        var unit = PodmanManifests.ForUnit(deployments["web"], secrets, "web", 4, "g", 0, [20001]);

        var env = unit.Manifest["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Select(e => (e!["name"]!.GetValue<string>(), e!["value"]!.GetValue<string>())).ToList();
        Assert.Equal([("C", "3"), ("PORT", "20001"), ("PORT_web", "20001")], env);
    }

    [Fact]
    public void Split_SecretAndService_NeitherIsPlayed()
    {
        var (deployments, secrets) = PodmanManifests.Split(ManifestBuilder.Build(Spec(units: 1)));

        Assert.Equal(["web", "worker"], deployments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([new("A", "x y \"z\""), new KeyValuePair<string, string>("B", "2")], secrets["shop-env"]);
    }

    [Fact]
    public void Generation_OnlyUnitsChange_StaysTheSame()
    {
        Assert.Equal(GenerationOf(Spec(units: 1)), GenerationOf(Spec(units: 5)));
    }

    [Fact]
    public void Generation_EnvVersionOrRestartChanges_Differs()
    {
        var baseline = GenerationOf(Spec(units: 1));

        Assert.NotEqual(baseline, GenerationOf(Spec(units: 1) with { Env = new Dictionary<string, string> { ["A"] = "other" } }));
        Assert.NotEqual(baseline, GenerationOf(Spec(units: 1) with { Version = 5 }));
        Assert.NotEqual(baseline, GenerationOf(Spec(units: 1) with { RestartedAt = "2026-02-02T00:00:00Z" }));
    }

    [Fact]
    public void ForUnit_WorkerWithoutPort_HasNoPortLabelAndExecProbe()
    {
        var (deployments, secrets) = PodmanManifests.Split(ManifestBuilder.Build(Spec(units: 1)));

        var unit = PodmanManifests.ForUnit(deployments["worker"], secrets, "worker", 4, "g", 0, []);

        Assert.Equal(0, unit.Port);
        var labels = unit.Manifest["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.False(labels.ContainsKey("stratus.io/port"));
        Assert.Equal(PodmanProbe.Exec, unit.Probe!.Kind);
        Assert.Equal(["/bin/sh", "-lc", "test -f /tmp/ok"], unit.Probe.Command);
        var env = unit.Manifest["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.DoesNotContain(env, e => e!["name"]!.GetValue<string>() == "PORT");
    }

    [Fact]
    public void ForUnit_SeveralPortsAndChecks_HostPortPerPortAndProbesOnTheFirstWithSchemeAndHeaders()
    {
        var api = new WorkloadProcess("api", "./api", 1, 9001, new HealthcheckSpec("/ready", null) { Scheme = "HTTPS", Headers = new Dictionary<string, string> { ["Host"] = "api.test" } })
        {
            Startupcheck = new HealthcheckSpec(null, "test -f /tmp/started"),
            Ports = [new WorkloadPort("main", "TCP", 80, 9001), new WorkloadPort("admin", "TCP", 81, 9002)],
        };
        var (deployments, secrets) = PodmanManifests.Split(ManifestBuilder.Build(Spec(units: 1) with { Processes = [api] }));
        Assert.Equal(2, PodmanManifests.PortCount(deployments["api"]));

        var unit = PodmanManifests.ForUnit(deployments["api"], secrets, "api", 4, "g", 0, [20010, 20011]);

        // The played YAML: host ports in the env, the probes moved to the first one, scheme and headers kept.
        var played = ManifestBuilder.ToYaml([unit.Manifest]);
        var container = unit.Manifest["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        var env = container["env"]!.AsArray().Select(e => (e!["name"]!.GetValue<string>(), e!["value"]!.GetValue<string>())).ToList();
        Assert.Contains(("PORT", "20010"), env);
        Assert.Contains(("PORT_api", "20010,20011"), env);
        Assert.Contains("\"readinessProbe\":{\"httpGet\":{\"path\":\"/ready\",\"port\":20010,\"scheme\":\"HTTPS\",\"httpHeaders\":[{\"name\":\"Host\",\"value\":\"api.test\"}]}", played, StringComparison.Ordinal);
        Assert.Contains("\"startupProbe\":{\"exec\":{\"command\":[\"/bin/sh\",\"-lc\",\"test -f /tmp/started\"]}", played, StringComparison.Ordinal);
        Assert.Equal([new("main", 20010), new KeyValuePair<string, int>("admin", 20011)], unit.Ports);
        var labels = unit.Manifest["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.Equal("main=20010,admin=20011", labels["stratus.io/ports"]!.GetValue<string>());
        Assert.Equal("20010", labels["stratus.io/port"]!.GetValue<string>());

        // The probes ride along as labels, so a restarted host probes the same way.
        var probe = PodmanProbe.FromLabel(labels["stratus.io/probe"]!.GetValue<string>())!;
        Assert.Equal(("https", "/ready"), (probe.Scheme, probe.Path));
        Assert.Equal([new KeyValuePair<string, string>("Host", "api.test")], probe.Headers);
        Assert.Equal(unit.Probe!.Scheme, probe.Scheme);
        var startup = PodmanProbe.FromLabel(labels["stratus.io/startup-probe"]!.GetValue<string>())!;
        Assert.Equal(["/bin/sh", "-lc", "test -f /tmp/started"], startup.Command);
        Assert.Equal(PodmanProbe.Exec, unit.StartupProbe!.Kind);
    }

    private static string GenerationOf(WorkloadSpec spec)
    {
        var (deployments, secrets) = PodmanManifests.Split(ManifestBuilder.Build(spec));
        return PodmanManifests.Generation(deployments["web"], secrets);
    }

    private static WorkloadSpec Spec(int units) => new(
        "shop",
        4,
        "127.0.0.1:5000/apps/shop:v4",
        "stratus-apps",
        [
            new WorkloadProcess("web", "httpd -f -p $PORT", units, 8888, new HealthcheckSpec("health", null)),
            new WorkloadProcess("worker", "sleep 1000", 1, 0, new HealthcheckSpec(null, "test -f /tmp/ok")),
        ],
        new Dictionary<string, string> { ["B"] = "2", ["A"] = "x y \"z\"" },
        [],
        [],
        new ResourcePlan("small", 0, 0),
        "team",
        "local");
}
