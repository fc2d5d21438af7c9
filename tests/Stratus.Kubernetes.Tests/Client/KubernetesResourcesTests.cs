using System.Net;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Api;
using Stratus.Kubernetes.Client;
using Stratus.Kubernetes.Routing;
using Stratus.Kubernetes.Tests.Routing;
using Stratus.Kubernetes.Tests.Fakes;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Client;

public sealed class KubernetesResourcesTests : IAsyncLifetime
{
    private FakeKubernetesApiServer _server = null!;
    private KubernetesResources _api = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync();
        _api = new KubernetesResources(_server.Client(), "apps");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ListPodsAsync_SeveralPages_FollowsContinueAndFiltersByLabels()
    {
        _server.PageSize = 2;
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            _server.Seed("pods", FakePods.Create(name == "c" ? "other" : "myapp", "web", 1, name));
        }

        var pods = await _api.ListPodsAsync("app-name=myapp", TestTimeout.Token());

        Assert.Equal(["a", "b", "d", "e"], pods.Select(p => p.Metadata.Name));
        Assert.Equal(2, _server.Requests.Count(r => r.Path == "/api/v1/namespaces/apps/pods"));
        Assert.True(_server.Requests.Last().HasQuery("continue=2"), _server.Requests.Last().Query);
    }

    [Fact]
    public async Task DeleteDeploymentAsync_ExistingThenMissing_TrueThenFalse()
    {
        _server.Seed("deployments", new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["metadata"] = new JsonObject { ["name"] = "web" } });

        Assert.True(await _api.DeleteDeploymentAsync("web", TestTimeout.Token()));
        Assert.False(await _api.DeleteDeploymentAsync("web", TestTimeout.Token()));
        Assert.True(_server.Requests.First(r => r.Method == "DELETE").HasQuery("propagationPolicy=Background"));
    }

    [Fact]
    public async Task ApplyAsync_ServerRefuses_ExceptionCarriesStatusMessageAndReason()
    {
        _server.FailWhen(r => r.Method == "PATCH", 422, "Invalid", "spec.replicas: Invalid value: -1");
        var ingress = IngressRouter.BuildIngress(TsuruRouterApiClientTests.Route(), new IngressRouterOptions { Domain = "example.com" }, "apps");

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => _api.ApplyAsync(ingress, TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.StatusCode);
        Assert.Equal("Invalid", e.Reason);
        Assert.Equal("PATCH /apis/networking.k8s.io/v1/namespaces/apps/ingresses/myapp failed with 422 Invalid: spec.replicas: Invalid value: -1", e.Message);
    }

    [Fact]
    public async Task GetSecretAsync_TransientFailureOnce_RetriedAndRead()
    {
        _server.Seed("secrets", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "myapp-env" } });
        _server.FailWhen(r => r.Method == "GET", 503, "ServiceUnavailable", "etcd is restarting", times: 1);

        var secret = await _api.GetSecretAsync("myapp-env", TestTimeout.Token());

        Assert.Equal("myapp-env", secret?.Metadata.Name);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task ApplyAsync_TransientFailure_NotRetried()
    {
        _server.FailWhen(r => r.Method == "PATCH", 503, "ServiceUnavailable", "etcd is restarting", times: 1);
        var ingress = IngressRouter.BuildIngress(TsuruRouterApiClientTests.Route(), new IngressRouterOptions { Domain = "example.com" }, "apps");

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => _api.ApplyAsync(ingress, TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ReadPodLogAsync_TailAndPrevious_QueryAndText()
    {
        _server.PodLogs["web-a/web/previous"] = "one\ntwo\nthree\n";

        await using var stream = await _api.ReadPodLogAsync("web-a", "web", 2, follow: false, previous: true, timestamps: false, TestTimeout.Token());
        using var reader = new StreamReader(stream);

        Assert.Equal("two\nthree\n", await reader.ReadToEndAsync(TestTimeout.Token()));
        var request = Assert.Single(_server.Requests);
        Assert.True(request.HasQuery("container=web") && request.HasQuery("tailLines=2") && request.HasQuery("previous=true"), request.Query);
    }
}
