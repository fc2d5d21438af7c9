using System.Net;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Api;
using Stratus.Kubernetes.Manifests;
using Stratus.Kubernetes.Tests.Fakes;
using Stratus.Kubernetes.Tests.Manifests;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Api;

public sealed class KubernetesApiClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private FakeKubernetesApiServer _server = null!;
    private KubernetesApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync();
        _client = _server.Client(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ApplyAsync_EachKind_ServerSideApplyToItsPath()
    {
        var manifests = ManifestBuilder.Build(ManifestBuilderTests.Spec());

        foreach (var manifest in manifests)
        {
            await _client.ApplyAsync(manifest, TestTimeout.Token());
        }

        var patches = _server.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(
            [
                "/api/v1/namespaces/apps/secrets/myapp-env",
                "/apis/apps/v1/namespaces/apps/deployments/myapp-web",
                "/api/v1/namespaces/apps/services/myapp-web",
                "/apis/apps/v1/namespaces/apps/deployments/myapp-worker",
            ],
            patches.Select(p => p.Path));
        Assert.All(patches, p =>
        {
            Assert.Equal("application/apply-patch+yaml", p.ContentType);
            Assert.True(p.HasQuery("fieldManager=stratus"), p.Query);
            Assert.True(p.HasQuery("force=true"), p.Query);
            Assert.Equal("Bearer test-token", p.Header("authorization"));
        });
        Assert.Equal(ManifestBuilder.ToJson(manifests[1]), patches[1].Body);
    }

    [Fact]
    public async Task ApplyAsync_Ingress_NetworkingApiGroupPath()
    {
        var ingress = new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "Ingress",
            ["metadata"] = new JsonObject { ["name"] = "myapp" },
            ["spec"] = new JsonObject(),
        };

        var applied = await _client.ApplyAsync(ingress, TestTimeout.Token());

        Assert.Equal("/apis/networking.k8s.io/v1/namespaces/apps/ingresses/myapp", _server.Requests.Single().Path);
        Assert.NotNull(applied["metadata"]!["uid"]);
    }

    [Fact]
    public async Task GetAsync_Missing_Null()
    {
        Assert.Null(await _client.GetAsync(KubernetesKind.Deployment, "nope", TestTimeout.Token()));
    }

    [Fact]
    public async Task GetAsync_Applied_ReturnsStoredObject()
    {
        await _client.ApplyAsync(ManifestBuilder.Build(ManifestBuilderTests.Spec())[1], TestTimeout.Token());

        var deployment = await _client.GetAsync(KubernetesKind.Deployment, "myapp-web", TestTimeout.Token());

        Assert.Equal(1, deployment!["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(2, deployment["status"]!["readyReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListAsync_SeveralPages_FollowsContinueAndFiltersByLabels()
    {
        _server.PageSize = 2;
        for (var i = 0; i < 5; i++)
        {
            _server.Seed(KubernetesKind.Pod, FakePods.Create("myapp", "web", 1, $"myapp-web-{i}"));
        }

        _server.Seed(KubernetesKind.Pod, FakePods.Create("other", "web", 1, "other-web-0"));

        var pods = await _client.ListAsync(KubernetesKind.Pod, "app-name=myapp,app-process=web", TestTimeout.Token());

        Assert.Equal(["myapp-web-0", "myapp-web-1", "myapp-web-2", "myapp-web-3", "myapp-web-4"], pods.Select(p => p["metadata"]!["name"]!.GetValue<string>()));
        var lists = _server.Requests.Where(r => r.Path == "/api/v1/namespaces/apps/pods").ToList();
        Assert.Equal(3, lists.Count);
        Assert.True(lists[1].HasQuery("continue=2"), lists[1].Query);
        Assert.True(lists[0].HasQuery("labelSelector=app-name%3Dmyapp%2Capp-process%3Dweb"), lists[0].Query);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_TrueThenFalse()
    {
        _server.Seed(KubernetesKind.Service, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = "s" } });

        Assert.True(await _client.DeleteAsync(KubernetesKind.Service, "s", TestTimeout.Token()));
        Assert.False(await _client.DeleteAsync(KubernetesKind.Service, "s", TestTimeout.Token()));
        Assert.Empty(_server.Names(KubernetesKind.Service));
        Assert.True(_server.Requests.First().HasQuery("propagationPolicy=Background"));
    }

    [Fact]
    public async Task GetPodLogAsync_TailAndPrevious_QueryAndText()
    {
        _server.PodLogs["p1/web/previous"] = "a\nb\nc\n";

        var text = await _client.GetPodLogAsync("p1", "web", 2, TestTimeout.Token(), previous: true);

        Assert.Equal("b\nc\n", text);
        var request = _server.Requests.Single();
        Assert.Equal("/api/v1/namespaces/apps/pods/p1/log", request.Path);
        Assert.True(request.HasQuery("container=web") && request.HasQuery("tailLines=2") && request.HasQuery("previous=true"), request.Query);
    }

    [Fact]
    public async Task ApplyAsync_ServerRefuses_ExceptionCarriesStatusMessageAndReason()
    {
        _server.FailWhen(r => r.Method == "PATCH", 422, "Invalid", "Deployment.apps \"myapp-web\" is invalid: spec.template.spec.containers[0].image: Required value");

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.ApplyAsync(ManifestBuilder.Build(ManifestBuilderTests.Spec())[1], TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal("Invalid", error.Reason);
        Assert.Contains("spec.template.spec.containers[0].image: Required value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerUrlWithPath_KeepsThePath()
    {
        var client = new KubernetesApiClient(_http, new KubernetesApiOptions { Server = new Uri(_server.BaseUrl, "k8s/clusters/c1"), Token = "test-token", Namespace = "apps" });

        await client.GetAsync(KubernetesKind.Secret, "x", TestTimeout.Token());

        Assert.Equal("/k8s/clusters/c1/api/v1/namespaces/apps/secrets/x", _server.Requests.Single().Path);
    }

    [Fact]
    public async Task SendAsync_TokenProvider_AskedForEveryRequest()
    {
        var calls = 0;
        var client = new KubernetesApiClient(_http, new KubernetesApiOptions
        {
            Server = _server.BaseUrl,
            Namespace = "apps",
            TokenProvider = _ =>
            {
                calls++;
                return ValueTask.FromResult("test-token");
            },
        });

        await client.GetAsync(KubernetesKind.Secret, "x", TestTimeout.Token());
        await client.GetAsync(KubernetesKind.Secret, "y", TestTimeout.Token());

        Assert.Equal(2, calls);
        Assert.All(_server.Requests, r => Assert.Equal("Bearer test-token", r.Header("authorization")));
    }
}
