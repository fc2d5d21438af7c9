using System.Text;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Manifests;
using Stratus.Kubernetes.Runtime;
using YamlDotNet.RepresentationModel;

namespace Stratus.Kubernetes.Tests.Manifests;

public sealed class ManifestBuilderTests
{
    public static WorkloadSpec Spec(int version = 3, IReadOnlyList<WorkloadProcess>? processes = null, IReadOnlyList<string>? before = null, IReadOnlyList<string>? after = null) => new(
        App: "myapp",
        Version: version,
        Image: $"127.0.0.1:5000/stratus/app-myapp:v{version}",
        Namespace: "apps",
        Processes: processes ??
        [
            new WorkloadProcess("worker", "python worker.py", 1, 0, null),
            new WorkloadProcess("web", "python app.py --port $PORT", 2, 8888, new HealthcheckSpec("healthz", null) { IntervalSeconds = 5, TimeoutSeconds = 2, AllowedFailures = 4, DeployTimeoutSeconds = 300 }),
        ],
        Env: new Dictionary<string, string> { ["ZED"] = "last", ["DATABASE_URL"] = "postgres://u:p@db/x" },
        RestartBefore: before ?? ["python migrate.py", "echo ready"],
        RestartAfter: after ?? ["curl -s localhost:$PORT/warm"],
        Plan: new ResourcePlan("small", 250, 268_435_456),
        Team: "team-a",
        Pool: "pool-1")
    {
        RestartedAt = "2026-01-02T03:04:05Z",
    };

    [Theory]
    [InlineData("httpd -f -p $PORT", "exec httpd -f -p $PORT")]
    [InlineData("mkdir -p /tmp/www && exec httpd", "mkdir -p /tmp/www && exec httpd")]
    [InlineData("echo boom; exit 3", "echo boom; exit 3")]
    [InlineData("run | tee log", "run | tee log")]
    [InlineData("exec httpd -f", "exec httpd -f")]
    public void ContainerCommand_CompoundCommand_KeepsItsShell(string command, string expected) =>
        Assert.Equal(["/bin/sh", "-lc", expected], ManifestBuilder.ContainerCommand([], command));

    [Fact]
    public void Build_TwoProcesses_SecretThenSortedDeploymentsAndServices()
    {
        var manifests = ManifestBuilder.Build(Spec());

        Assert.Equal(
            ["Secret/myapp-env", "Deployment/myapp-web", "Service/myapp-web", "Deployment/myapp-worker"],
            manifests.Select(m => $"{m["kind"]}/{m["metadata"]!["name"]}"));
        Assert.All(manifests, m => Assert.Equal("apps", m["metadata"]!["namespace"]!.GetValue<string>()));
    }

    [Fact]
    public void Build_Secret_OpaqueBase64EnvSortedWithLabels()
    {
        var secret = ManifestBuilder.Build(Spec())[0];

        Assert.Equal("v1", secret["apiVersion"]!.GetValue<string>());
        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
        var data = (JsonObject)secret["data"]!;
        Assert.Equal(["DATABASE_URL", "ZED"], data.Select(d => d.Key));
        Assert.Equal("postgres://u:p@db/x", Encoding.UTF8.GetString(Convert.FromBase64String(data["DATABASE_URL"]!.GetValue<string>())));
        var labels = secret["metadata"]!["labels"]!;
        Assert.Equal("myapp", labels["app-name"]!.GetValue<string>());
        Assert.Equal("stratus", labels["app.kubernetes.io/managed-by"]!.GetValue<string>());
    }

    [Fact]
    public void Build_WebDeployment_LabelsSelectorStrategyAndAnnotations()
    {
        var web = Deployment(ManifestBuilder.Build(Spec()), "web");

        var labels = web["metadata"]!["labels"]!.AsObject();
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["app-name"] = "myapp", ["app-process"] = "web", ["app-version"] = "3", ["is-routable"] = "true",
                ["app-team"] = "team-a", ["app-pool"] = "pool-1", ["app.kubernetes.io/managed-by"] = "stratus",
            },
            labels.ToDictionary(l => l.Key, l => l.Value!.GetValue<string>()));
        var spec = web["spec"]!;
        Assert.Equal(2, spec["replicas"]!.GetValue<int>());
        Assert.Equal("""{"app-name":"myapp","app-process":"web"}""", spec["selector"]!["matchLabels"]!.ToJsonString());
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}""", spec["strategy"]!.ToJsonString());
        Assert.Equal(300, spec["progressDeadlineSeconds"]!.GetValue<int>());
        Assert.Equal(labels.ToJsonString(), spec["template"]!["metadata"]!["labels"]!.ToJsonString());
        var annotations = spec["template"]!["metadata"]!["annotations"]!;
        Assert.Equal("2026-01-02T03:04:05Z", annotations["stratus.io/restarted-at"]!.GetValue<string>());
        Assert.Equal("3", annotations["stratus.io/version"]!.GetValue<string>());
    }

    [Fact]
    public void Build_WebContainer_CommandHooksEnvProbeResources()
    {
        var container = Container(Deployment(ManifestBuilder.Build(Spec()), "web"));

        Assert.Equal("web", container["name"]!.GetValue<string>());
        Assert.Equal("127.0.0.1:5000/stratus/app-myapp:v3", container["image"]!.GetValue<string>());
        Assert.Equal(["/bin/sh", "-lc", "python migrate.py && echo ready && exec python app.py --port $PORT"], Strings(container["command"]!));
        Assert.Equal("""[{"secretRef":{"name":"myapp-env"}}]""", container["envFrom"]!.ToJsonString());
        Assert.Equal("""[{"name":"PORT","value":"8888"},{"name":"PORT_web","value":"8888"}]""", container["env"]!.ToJsonString());
        Assert.Equal("""[{"name":"http-default","containerPort":8888,"protocol":"TCP"}]""", container["ports"]!.ToJsonString());
        Assert.Null(container["startupProbe"]);
        Assert.Equal(["/bin/sh", "-lc", "curl -s localhost:$PORT/warm"], Strings(container["lifecycle"]!["postStart"]!["exec"]!["command"]!));
        Assert.Equal(
            """{"httpGet":{"path":"/healthz","port":8888,"scheme":"HTTP"},"periodSeconds":5,"timeoutSeconds":2,"failureThreshold":4}""",
            container["readinessProbe"]!.ToJsonString());
        Assert.Equal(
            """{"limits":{"cpu":"250m","memory":"268435456"},"requests":{"cpu":"250m","memory":"268435456"}}""",
            container["resources"]!.ToJsonString());
    }

    [Fact]
    public void Build_WorkerWithoutHooksOrPort_PlainExecNoProbeNoServiceDefaultDeadline()
    {
        var spec = Spec(before: [], after: []) with { Plan = new ResourcePlan("unlimited", 0, 0) };
        var manifests = ManifestBuilder.Build(spec);
        var worker = Deployment(manifests, "worker");
        var container = Container(worker);

        Assert.Equal("""["/bin/sh","-lc","exec python worker.py"]""", container["command"]!.ToJsonString());
        Assert.Null(container["readinessProbe"]);
        Assert.Null(container["lifecycle"]);
        Assert.Null(container["resources"]);
        Assert.Null(container["env"]);
        Assert.Equal("false", worker["metadata"]!["labels"]!["is-routable"]!.GetValue<string>());
        Assert.Equal(120, worker["spec"]!["progressDeadlineSeconds"]!.GetValue<int>());
        Assert.DoesNotContain(manifests, m => m["metadata"]!["name"]!.GetValue<string>() == "myapp-worker" && m["kind"]!.GetValue<string>() == "Service");
    }

    [Fact]
    public void Build_NoHealthcheckWithPort_TcpReadinessProbe()
    {
        var manifests = ManifestBuilder.Build(Spec(processes: [new WorkloadProcess("web", "httpd", 1, 8080, null)]));

        Assert.Equal("""{"tcpSocket":{"port":8080},"periodSeconds":5}""", Container(Deployment(manifests, "web"))["readinessProbe"]!.ToJsonString());
    }

    [Fact]
    public void Build_CommandHealthcheck_ExecProbe()
    {
        var check = new HealthcheckSpec(null, "test -f /tmp/ready");
        var manifests = ManifestBuilder.Build(Spec(processes: [new WorkloadProcess("web", "httpd", 1, 8080, check)]));

        Assert.Equal(
            """{"exec":{"command":["/bin/sh","-lc","test -f /tmp/ready"]},"periodSeconds":10,"timeoutSeconds":60,"failureThreshold":3}""",
            Container(Deployment(manifests, "web"))["readinessProbe"]!.ToJsonString());
    }

    [Fact]
    public void Build_ProcessWithPortsAndChecks_ContainerAndServicePortsStartupAndReadinessProbesWithSchemeAndHeaders()
    {
        var readiness = new HealthcheckSpec("/ready", null)
        {
            Scheme = "HTTPS",
            Headers = new Dictionary<string, string> { ["X-Token"] = "t", ["Host"] = "api.example.com" },
            IntervalSeconds = 2,
        };
        var startup = new HealthcheckSpec("started", null) { AllowedFailures = 30 };
        var api = new WorkloadProcess("api", "./api", 1, 9001, readiness)
        {
            Startupcheck = startup,
            Ports = [new WorkloadPort("grpc", "TCP", 9000, 9001), new WorkloadPort("stats", "UDP", 8125, 8125)],
        };
        var manifests = ManifestBuilder.Build(Spec(processes: [api]));
        var container = Container(Deployment(manifests, "api"));
        var service = manifests.Single(m => m["kind"]!.GetValue<string>() == "Service");

        Assert.Equal(
            """[{"name":"grpc","containerPort":9001,"protocol":"TCP"},{"name":"stats","containerPort":8125,"protocol":"UDP"}]""",
            container["ports"]!.ToJsonString());
        Assert.Equal("""[{"name":"PORT","value":"9001"},{"name":"PORT_api","value":"9001,8125"}]""", container["env"]!.ToJsonString());
        Assert.Equal(
            """{"httpGet":{"path":"/ready","port":9001,"scheme":"HTTPS","httpHeaders":[{"name":"Host","value":"api.example.com"},{"name":"X-Token","value":"t"}]},"periodSeconds":2,"timeoutSeconds":60,"failureThreshold":3}""",
            container["readinessProbe"]!.ToJsonString());
        Assert.Equal(
            """{"httpGet":{"path":"/started","port":9001,"scheme":"HTTP"},"periodSeconds":10,"timeoutSeconds":60,"failureThreshold":30}""",
            container["startupProbe"]!.ToJsonString());
        Assert.Equal("myapp-api", service["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(
            """[{"name":"grpc","protocol":"TCP","port":9000,"targetPort":9001},{"name":"stats","protocol":"UDP","port":8125,"targetPort":8125}]""",
            service["spec"]!["ports"]!.ToJsonString());
        // What the API server receives: the typed objects carry the probes whole.
        var typed = ManifestBuilder.BuildObjects(Spec(processes: [api])).Deployments.Single().Spec.Template.Spec.Containers.Single();
        Assert.Equal(("HTTPS", "Host"), (typed.ReadinessProbe.HttpGet.Scheme, typed.ReadinessProbe.HttpGet.HttpHeaders[0].Name));
        Assert.Equal("/started", typed.StartupProbe.HttpGet.Path);
        Assert.Equal(["grpc", "stats"], typed.Ports.Select(p => p.Name));
    }

    [Fact]
    public void Build_TsuruProcessName_KubernetesNamesInTheirFormLabelKeepsTheName()
    {
        var manifests = ManifestBuilder.Build(Spec(processes: [new WorkloadProcess("Web_1", "httpd", 1, 8080, null)]));
        var deployment = manifests.Single(m => m["kind"]!.GetValue<string>() == "Deployment");

        Assert.Equal("myapp-web-1", deployment["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("web-1", Container(deployment)["name"]!.GetValue<string>());
        Assert.Equal("Web_1", deployment["spec"]!["template"]!["metadata"]!["labels"]!["app-process"]!.GetValue<string>());
        Assert.Equal("myapp-web-1", manifests.Single(m => m["kind"]!.GetValue<string>() == "Service")["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Build_Service_SelectsProcessAcrossVersions()
    {
        var service = ManifestBuilder.Build(Spec()).Single(m => m["kind"]!.GetValue<string>() == "Service");

        Assert.Equal("""{"app-name":"myapp","app-process":"web"}""", service["spec"]!["selector"]!.ToJsonString());
        Assert.Equal("""[{"name":"http-default","protocol":"TCP","port":8888,"targetPort":8888}]""", service["spec"]!["ports"]!.ToJsonString());
        Assert.Equal("true", service["metadata"]!["labels"]!["is-routable"]!.GetValue<string>());
    }

    [Fact]
    public void Build_SameSpecTwice_SameBytes()
    {
        // Equal specs built from differently ordered inputs: processes and env in another order.
        var first = Spec();
        var second = Spec(processes: first.Processes.Reverse().ToList()) with
        {
            Env = new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://u:p@db/x", ["ZED"] = "last" },
        };

        Assert.Equal(ManifestBuilder.ToYaml(ManifestBuilder.Build(first)), ManifestBuilder.ToYaml(ManifestBuilder.Build(second)));
    }

    [Fact]
    public void ToYaml_Manifests_MultiDocumentStreamYamlParsersRead()
    {
        var manifests = ManifestBuilder.Build(Spec());

        var yaml = ManifestBuilder.ToYaml(manifests);

        Assert.StartsWith("---\n", yaml, StringComparison.Ordinal);
        Assert.Contains("&& exec python app.py", yaml, StringComparison.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        Assert.Equal(manifests.Count, stream.Documents.Count);
        var deployment = (YamlMappingNode)stream.Documents[1].RootNode;
        Assert.Equal("Deployment", ((YamlScalarNode)deployment[new YamlScalarNode("kind")]).Value);
    }

    private static JsonObject Deployment(IReadOnlyList<JsonObject> manifests, string process) =>
        manifests.Single(m => m["kind"]!.GetValue<string>() == "Deployment" && m["metadata"]!["labels"]!["app-process"]!.GetValue<string>() == process);

    private static List<string> Strings(JsonNode array) => array.AsArray().Select(v => v!.GetValue<string>()).ToList();

    private static JsonObject Container(JsonObject deployment) => (JsonObject)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
}
