using System.Text.Json;
using Stratus.Apps.Apps;
using Stratus.Apps.Pools;
using Stratus.Apps.Versions;
using Stratus.Containers.Source;
using Stratus.Kubernetes.Runtime;
using Stratus.Orchestrations.Apps;

namespace Stratus.Orchestrations.Tests.Apps;

/// <summary>How a version's tsuru.yaml becomes each process's checks and ports, and the router's prefixes.</summary>
public sealed class AppRolloutSpecTests
{
    private static readonly Pool Pool = new("local", "podman", "local", new Dictionary<string, string>(), new PoolRegistry("127.0.0.1:5000", "stratus", true), null, true, []);

    private static readonly App App = new("shop", "static", "small", "team", "local", null, [], new Dictionary<string, string>(), [], new Dictionary<string, int>());

    [Fact]
    public void Spec_NoYamlProcesses_AppWideChecksAreTheWebProcessesOnly()
    {
        var manifest = AppBuildManifestParser.Parse(
            "healthcheck:\n  path: /h\n  scheme: https\n  headers: {X-A: b}\nstartupcheck:\n  command: test -f /s\n", "tsuru.yaml", "web: ./web\nworker: ./worker\n");

        var spec = AppRollout.Spec(App, Pool, null, Version(manifest, exposedPort: 8080), [], 8888);

        var web = spec.Processes.Single(p => p.Name == "web");
        Assert.Equal(("/h", "HTTPS", "b"), (web.Healthcheck?.Path, web.Healthcheck?.Scheme, web.Healthcheck?.Headers["X-A"]));
        Assert.Equal("/bin/sh -c 'test -f /s'", web.Startupcheck?.Command);
        Assert.Equal(8080, web.Port);
        Assert.Equal([new WorkloadPort("http-default", "TCP", 8080, 8080)], web.AllPorts);
        var worker = spec.Processes.Single(p => p.Name == "worker");
        Assert.Null(worker.Healthcheck);
        Assert.Null(worker.Startupcheck);
        Assert.Empty(worker.AllPorts);
    }

    [Fact]
    public void Spec_YamlProcesses_EachProcessHasItsOwnChecksAndPortsOrNone()
    {
        const string yaml = """
            healthcheck:
              path: /app-wide
            processes:
              - name: web
                command: ./web
              - name: api
                command: ./api
                healthcheck:
                  path: /ready
                ports:
                  - name: main
                    port: 80
                    target_port: 9000
            kubernetes:
              groups:
                g:
                  worker:
                    ports:
                      - name: metrics
                        port: 9100
            """;
        var manifest = AppBuildManifestParser.Parse(yaml, "tsuru.yaml", "worker: ./worker\n");

        var spec = AppRollout.Spec(App, Pool, null, Version(manifest), [], 8888);

        var api = spec.Processes.Single(p => p.Name == "api");
        Assert.Equal("/ready", api.Healthcheck?.Path);
        Assert.Equal(9000, api.Port);
        Assert.Equal([new WorkloadPort("main", "TCP", 80, 9000)], api.Ports);
        var web = spec.Processes.Single(p => p.Name == "web");
        Assert.Null(web.Healthcheck);
        Assert.Equal(8888, web.Port);
        var worker = spec.Processes.Single(p => p.Name == "worker");
        Assert.Equal("./worker", worker.Command);
        Assert.Equal([new WorkloadPort("metrics", "TCP", 9100, 9100)], worker.AllPorts);
    }

    [Fact]
    public void Prefixes_SeveralPorts_APrefixPerRoutablePortOnItsUnitsAddresses()
    {
        const string yaml = """
            processes:
              - name: web
                command: ./web
              - name: api
                command: ./api
                ports:
                  - name: main
                    port: 80
                    target_port: 9000
                  - name: admin
                    port: 81
                    target_port: 9001
                  - name: stats
                    protocol: UDP
                    port: 8125
            """;
        var manifest = AppBuildManifestParser.Parse(yaml, "tsuru.yaml", null);
        UnitInfo[] units =
        [
            new("api-0", "api", 2, "started", "127.0.0.1:20000", true)
            {
                PortAddresses = new Dictionary<string, string> { ["main"] = "127.0.0.1:20000", ["admin"] = "127.0.0.1:20001", ["stats"] = "127.0.0.1:20002" },
            },
            new("web-0", "web", 2, "started", "127.0.0.1:20003", true),
        ];

        var prefixes = AppRollout.Prefixes("shop", "apps", Version(manifest) with { Number = 2 }, manifest, units, 8888);

        Assert.Equal(
            [
                "api.process", "v2.version.api.process", "main.port.api.process", "v2.version.main.port.api.process",
                "admin.port.api.process", "v2.version.admin.port.api.process",
                "", "v2.version", "web.process", "v2.version.web.process", "http-default.port.web.process", "v2.version.http-default.port.web.process",
            ],
            prefixes.Select(p => p.Prefix));
        var admin = prefixes.Single(p => p.Prefix == "admin.port.api.process");
        Assert.Equal(("apps", "shop-api", 81, "127.0.0.1:20001"), (admin.Namespace, admin.Service, admin.ServicePort, Assert.Single(admin.Addresses)));
        Assert.Equal(80, prefixes.Single(p => p.Prefix == "api.process").ServicePort);
        Assert.Equal("127.0.0.1:20003", Assert.Single(prefixes.Single(p => p.Prefix == "").Addresses));
    }

    private static AppVersion Version(AppBuildManifest manifest, int? exposedPort = null) => new(
        "shop", 1, "built", "127.0.0.1:5000/stratus/app-shop:v1", null,
        manifest.Processes.ToDictionary(p => p.Name, p => p.Command, StringComparer.Ordinal),
        exposedPort, JsonSerializer.Serialize(manifest, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        false, false, null, "admin", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
