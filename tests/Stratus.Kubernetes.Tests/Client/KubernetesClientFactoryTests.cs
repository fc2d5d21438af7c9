using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using Stratus.Kubernetes.Client;
using Stratus.Kubernetes.Tests.Fakes;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Client;

public sealed class KubernetesClientFactoryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stratus-kubeconfig-" + Guid.NewGuid().ToString("N"));
    private FakeKubernetesApiServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _server = await FakeKubernetesApiServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Create_EntraMode_CredentialsTokenForTheAksScopeAsBearer()
    {
        var credential = new FakeTokenCredential(_clock);
        using var factory = new KubernetesClientFactory(new KubernetesAuthOptions { Mode = KubernetesAuthMode.Entra }, _clock, credential);
        _server.ExpectedToken = "entra-token-1";
        var api = new KubernetesResources(factory.Create(_server.BaseUrl.AbsoluteUri), "apps");

        Assert.Null(await api.GetSecretAsync("myapp-env", TestTimeout.Token()));
        Assert.Null(await api.GetDeploymentAsync("myapp-web", TestTimeout.Token()));

        Assert.All(_server.Requests, r => Assert.Equal("Bearer entra-token-1", r.Header("authorization")));
        // Cached: one token for both calls.
        Assert.Equal(1, credential.Issued);
        Assert.Equal(["6dae42f8-4368-4678-94ff-3960e28e3630/.default"], credential.Scopes);
    }

    [Fact]
    public async Task Create_EntraTokenNearItsExpiry_Refreshed()
    {
        var credential = new FakeTokenCredential(_clock);
        using var factory = new KubernetesClientFactory(new KubernetesAuthOptions { Mode = KubernetesAuthMode.Entra }, _clock, credential);
        var api = new KubernetesResources(factory.Create(_server.BaseUrl.AbsoluteUri), "apps");
        _server.ExpectedToken = "entra-token-1";
        await api.GetSecretAsync("myapp-env", TestTimeout.Token());

        _clock.Advance(TimeSpan.FromMinutes(56));
        _server.ExpectedToken = "entra-token-2";
        await api.GetSecretAsync("myapp-env", TestTimeout.Token());

        Assert.Equal(2, credential.Issued);
        Assert.Equal("Bearer entra-token-2", _server.Requests.Last().Header("authorization"));
    }

    [Fact]
    public async Task Create_KubeconfigContextWithToken_ItsServerAndToken()
    {
        var path = WriteKubeconfig();
        using var factory = new KubernetesClientFactory(new KubernetesAuthOptions { Mode = KubernetesAuthMode.Kubeconfig, Kubeconfig = path, Context = "stratus" }, _clock);
        _server.ExpectedToken = "kubeconfig-token";

        // No pool URL: the context's cluster is the server.
        var api = new KubernetesResources(factory.Create(""), "apps");
        Assert.Null(await api.GetSecretAsync("myapp-env", TestTimeout.Token()));

        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer kubeconfig-token", request.Header("authorization"));
        Assert.Equal("/api/v1/namespaces/apps/secrets/myapp-env", request.Path);
    }

    [Fact]
    public async Task Create_KubeconfigAndPoolUrl_PoolUrlWins()
    {
        var path = WriteKubeconfig(server: "http://127.0.0.1:9/");
        using var factory = new KubernetesClientFactory(new KubernetesAuthOptions { Mode = KubernetesAuthMode.Kubeconfig, Kubeconfig = path, Context = "stratus" }, _clock);
        _server.ExpectedToken = "kubeconfig-token";

        var api = new KubernetesResources(factory.Create(_server.BaseUrl.AbsoluteUri), "apps");

        Assert.Null(await api.GetSecretAsync("myapp-env", TestTimeout.Token()));
    }

    [Fact]
    public async Task Create_TokenModeWithoutToken_NoAuthorizationHeader()
    {
        using var factory = new KubernetesClientFactory(new KubernetesAuthOptions(), _clock);
        var api = new KubernetesResources(factory.Create(_server.BaseUrl.AbsoluteUri), "apps");

        await Assert.ThrowsAsync<Api.KubernetesApiException>(() => api.GetSecretAsync("myapp-env", TestTimeout.Token()));

        Assert.Null(Assert.Single(_server.Requests).Header("authorization"));
    }

    [Fact]
    public void Create_SameServerTwice_SameClient()
    {
        using var factory = new KubernetesClientFactory(new KubernetesAuthOptions { Token = "t" }, _clock);

        Assert.Same(factory.Create(_server.BaseUrl.AbsoluteUri), factory.Create(_server.BaseUrl.AbsoluteUri));
    }

    [Fact]
    public void Create_EntraWithoutServer_SaysThePoolNeedsOne()
    {
        using var factory = new KubernetesClientFactory(new KubernetesAuthOptions { Mode = KubernetesAuthMode.Entra }, _clock, new FakeTokenCredential(_clock));

        var e = Assert.Throws<InvalidOperationException>(() => factory.Create(""));

        Assert.Contains("needs a server URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InClusterOutsideAPod_SaysWhatIsMissing()
    {
        var options = new KubernetesAuthOptions { Mode = KubernetesAuthMode.InCluster };

        var e = Assert.Throws<InvalidOperationException>(() => options.EnsureValid(_ => null));

        Assert.Contains("KUBERNETES_SERVICE_HOST", e.Message, StringComparison.Ordinal);
        Assert.Empty(options.Validate(name => name == "KUBERNETES_SERVICE_HOST" ? "10.0.0.1" : null));
    }

    [Fact]
    public void Validate_MissingKubeconfigAndCa_NamesBoth()
    {
        var options = new KubernetesAuthOptions { Mode = KubernetesAuthMode.Kubeconfig, Kubeconfig = "/nonexistent/kubeconfig", CertificateAuthority = "/nonexistent/ca.pem" };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains("/nonexistent/kubeconfig", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("CertificateAuthority", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TodaysSettings_Valid()
    {
        Assert.Empty(new KubernetesAuthOptions().Validate());
        Assert.Empty(new KubernetesAuthOptions { Token = "service-account-token" }.Validate());
        Assert.Empty(new KubernetesAuthOptions { Mode = KubernetesAuthMode.Entra }.Validate());
    }

    private string WriteKubeconfig(string? server = null)
    {
        var path = Path.Combine(_folder, "config");
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Config
            current-context: elsewhere
            clusters:
            - name: fake
              cluster:
                server: {server ?? _server.BaseUrl.AbsoluteUri}
            - name: other
              cluster:
                server: http://127.0.0.1:9/
            users:
            - name: stratus
              user:
                token: kubeconfig-token
            contexts:
            - name: stratus
              context:
                cluster: fake
                user: stratus
                namespace: apps
            - name: elsewhere
              context:
                cluster: other
                user: stratus
            """);
        File.WriteAllText(path, text);
        return path;
    }
}
