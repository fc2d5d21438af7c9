using System.Text.Json.Nodes;
using Stratus.Kubernetes.Routing;
using Stratus.Kubernetes.Tests.Fakes;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Routing;

public sealed class IngressRouterTests : IAsyncLifetime
{
    private FakeKubernetesApiServer _server = null!;
    private IngressRouter _router = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync();
        _router = new IngressRouter(_server.Client(), "apps", new IngressRouterOptions { Domain = "apps.example.com", IngressClassName = "nginx" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task EnsureBackendAsync_Route_AppliesIngressWithAHostPerPrefixAndCname()
    {
        await _router.EnsureBackendAsync(TsuruRouterApiClientTests.Route(), TestTimeout.Token());

        var request = _server.Applies("ingresses", "myapp").Single();
        Assert.Equal("/apis/networking.k8s.io/v1/namespaces/apps/ingresses/myapp", request.Path);
        Assert.StartsWith("application/apply-patch+yaml", request.ContentType, StringComparison.Ordinal);
        Assert.True(request.HasQuery("fieldManager=stratus") && request.HasQuery("force=true"), request.Query);
        var ingress = request.Json;
        Assert.Equal("nginx", ingress["spec"]!["ingressClassName"]!.GetValue<string>());
        Assert.Equal("myapp", ingress["metadata"]!["labels"]!["app-name"]!.GetValue<string>());
        var rules = ingress["spec"]!["rules"]!.AsArray().Select(r => (
            Host: r!["host"]!.GetValue<string>(),
            Service: r["http"]!["paths"]![0]!["backend"]!["service"]!["name"]!.GetValue<string>(),
            Port: r["http"]!["paths"]![0]!["backend"]!["service"]!["port"]!["number"]!.GetValue<int>())).ToList();
        Assert.Equal(
            [
                ("myapp.apps.example.com", "myapp-web", 8888),
                ("worker.process.myapp.apps.example.com", "myapp-worker", 8080),
                ("v3.version.myapp.apps.example.com", "myapp-web-v3", 8888),
                ("www.example.com", "myapp-web", 8888),
            ],
            rules);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"path":"/","pathType":"Prefix","backend":{"service":{"name":"myapp-web","port":{"number":8888}}}}"""),
            ingress["spec"]!["rules"]![0]!["http"]!["paths"]![0]), ingress.ToJsonString());
    }

    [Fact]
    public async Task RemoveBackendAsync_TwiceAfterEnsure_DeletesAndToleratesGone()
    {
        await _router.EnsureBackendAsync(TsuruRouterApiClientTests.Route(), TestTimeout.Token());

        await _router.RemoveBackendAsync("myapp", TestTimeout.Token());
        await _router.RemoveBackendAsync("myapp", TestTimeout.Token());

        Assert.Empty(_server.Names("ingresses"));
    }

    [Fact]
    public void BuildIngress_CnameRepeatsAppHost_OneRulePerHost()
    {
        var route = TsuruRouterApiClientTests.Route() with { Cnames = ["MYAPP.apps.example.com"] };

        var ingress = IngressRouter.BuildIngress(route, new IngressRouterOptions { Domain = "apps.example.com" }, "default");

        Assert.Equal(3, ingress.Spec.Rules.Count);
        Assert.Null(ingress.Spec.IngressClassName);
    }

    [Fact]
    public async Task EnsureBackendAsync_CertificateAndIssuer_TlsSecretAndAnIssuerIngress()
    {
        var route = TsuruRouterApiClientTests.Route() with
        {
            Cnames = ["www.example.com", "api.example.com"],
            Certificates = new Dictionary<string, RouteCertificate> { ["www.example.com"] = new("CERT-PEM", "KEY-PEM") },
            CertIssuers = new Dictionary<string, string> { ["api.example.com"] = "letsencrypt" },
        };

        await _router.EnsureBackendAsync(route, TestTimeout.Token());

        var secret = _server.Get("secrets", "myapp-tls-www.example.com")!;
        Assert.Equal("kubernetes.io/tls", secret["type"]!.GetValue<string>());
        Assert.Equal("KEY-PEM", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["tls.key"]!.GetValue<string>())));
        var main = _server.Get("ingresses", "myapp")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"hosts":["www.example.com"],"secretName":"myapp-tls-www.example.com"}]"""), main["spec"]!["tls"]), main.ToJsonString());
        Assert.DoesNotContain("api.example.com", main["spec"]!["rules"]!.AsArray().Select(r => r!["host"]!.GetValue<string>()));
        var issued = _server.Get("ingresses", "myapp-cname-api.example.com")!;
        Assert.Equal("letsencrypt", issued["metadata"]!["annotations"]![IngressRouter.ClusterIssuerAnnotation]!.GetValue<string>());
        Assert.Equal("api.example.com", issued["spec"]!["rules"]![0]!["host"]!.GetValue<string>());
        Assert.Equal("myapp-tls-api.example.com", issued["spec"]!["tls"]![0]!["secretName"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnsureBackendAsync_CertificateAndIssuerUnset_SecretAndIssuerIngressRemoved()
    {
        var route = TsuruRouterApiClientTests.Route() with
        {
            Cnames = ["www.example.com", "api.example.com"],
            Certificates = new Dictionary<string, RouteCertificate> { ["www.example.com"] = new("CERT-PEM", "KEY-PEM") },
            CertIssuers = new Dictionary<string, string> { ["api.example.com"] = "letsencrypt" },
        };
        await _router.EnsureBackendAsync(route, TestTimeout.Token());

        await _router.EnsureBackendAsync(route with { Certificates = new Dictionary<string, RouteCertificate>(), CertIssuers = new Dictionary<string, string>() }, TestTimeout.Token());

        Assert.Equal(["myapp"], _server.Names("ingresses"));
        Assert.Null(_server.Get("secrets", "myapp-tls-www.example.com"));
        Assert.Null(_server.Get("ingresses", "myapp")!["spec"]!["tls"]);
        await _router.RemoveBackendAsync("myapp", TestTimeout.Token());
        Assert.Empty(_server.Names("ingresses"));
    }
}
