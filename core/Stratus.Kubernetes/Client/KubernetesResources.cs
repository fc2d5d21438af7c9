using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Stratus.Kubernetes.Api;

namespace Stratus.Kubernetes.Client;

/// <summary>
/// What the runtime and the ingress router do with a cluster, over <see cref="IKubernetes"/> in one namespace:
/// server-side apply as <c>stratus</c> with force (Stratus owns what it deploys, so a field someone changed by hand is
/// taken back rather than failing the deploy with a conflict), get (null when absent), paged lists, deletes that
/// tolerate absence, pod logs and Deployment watches. Failures surface as <see cref="KubernetesApiException"/>.
/// </summary>
internal sealed class KubernetesResources(IKubernetes client, string ns)
{
    public const string FieldManager = "stratus";

    private const int PageSize = 500;

    public string Namespace { get; } = string.IsNullOrEmpty(ns) ? "default" : ns;

    public Task<V1Secret> ApplyAsync(V1Secret secret, CancellationToken cancellationToken) =>
        CallAsync(() => client.CoreV1.PatchNamespacedSecretAsync(Patch(secret), secret.Metadata.Name, NamespaceOf(secret), fieldManager: FieldManager, force: true, cancellationToken: cancellationToken));

    public Task<V1Service> ApplyAsync(V1Service service, CancellationToken cancellationToken) =>
        CallAsync(() => client.CoreV1.PatchNamespacedServiceAsync(Patch(service), service.Metadata.Name, NamespaceOf(service), fieldManager: FieldManager, force: true, cancellationToken: cancellationToken));

    public Task<V1Deployment> ApplyAsync(V1Deployment deployment, CancellationToken cancellationToken) =>
        CallAsync(() => client.AppsV1.PatchNamespacedDeploymentAsync(Patch(deployment), deployment.Metadata.Name, NamespaceOf(deployment), fieldManager: FieldManager, force: true, cancellationToken: cancellationToken));

    public Task<V1Ingress> ApplyAsync(V1Ingress ingress, CancellationToken cancellationToken) =>
        CallAsync(() => client.NetworkingV1.PatchNamespacedIngressAsync(Patch(ingress), ingress.Metadata.Name, NamespaceOf(ingress), fieldManager: FieldManager, force: true, cancellationToken: cancellationToken));

    public Task<V1Job> ApplyAsync(V1Job job, CancellationToken cancellationToken) =>
        CallAsync(() => client.BatchV1.PatchNamespacedJobAsync(Patch(job), job.Metadata.Name, NamespaceOf(job), fieldManager: FieldManager, force: true, cancellationToken: cancellationToken));

    public Task<V1Job?> GetJobAsync(string name, CancellationToken cancellationToken) =>
        GetAsync(() => client.BatchV1.ReadNamespacedJobAsync(name, Namespace, cancellationToken: cancellationToken));

    public Task<V1Secret?> GetSecretAsync(string name, CancellationToken cancellationToken) =>
        GetAsync(() => client.CoreV1.ReadNamespacedSecretAsync(name, Namespace, cancellationToken: cancellationToken));

    public Task<V1Deployment?> GetDeploymentAsync(string name, CancellationToken cancellationToken) =>
        GetAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace, cancellationToken: cancellationToken));

    public Task<IReadOnlyList<V1Pod>> ListPodsAsync(string labelSelector, CancellationToken cancellationToken) =>
        ListAsync(c => client.CoreV1.ListNamespacedPodAsync(Namespace, continueParameter: c, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken), l => l.Items, l => l.Metadata);

    public Task<IReadOnlyList<V1Deployment>> ListDeploymentsAsync(string labelSelector, CancellationToken cancellationToken) =>
        ListAsync(c => client.AppsV1.ListNamespacedDeploymentAsync(Namespace, continueParameter: c, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken), l => l.Items, l => l.Metadata);

    public Task<IReadOnlyList<V1Service>> ListServicesAsync(string labelSelector, CancellationToken cancellationToken) =>
        ListAsync(c => client.CoreV1.ListNamespacedServiceAsync(Namespace, continueParameter: c, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken), l => l.Items, l => l.Metadata);

    public Task<IReadOnlyList<V1Secret>> ListSecretsAsync(string labelSelector, CancellationToken cancellationToken) =>
        ListAsync(c => client.CoreV1.ListNamespacedSecretAsync(Namespace, continueParameter: c, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken), l => l.Items, l => l.Metadata);

    public Task<IReadOnlyList<V1Ingress>> ListIngressesAsync(string labelSelector, CancellationToken cancellationToken) =>
        ListAsync(c => client.NetworkingV1.ListNamespacedIngressAsync(Namespace, continueParameter: c, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken), l => l.Items, l => l.Metadata);

    public Task<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken) =>
        DeleteAsync(() => client.CoreV1.DeleteNamespacedSecretAsync(name, Namespace, propagationPolicy: "Background", cancellationToken: cancellationToken));

    public Task<bool> DeleteServiceAsync(string name, CancellationToken cancellationToken) =>
        DeleteAsync(() => client.CoreV1.DeleteNamespacedServiceAsync(name, Namespace, propagationPolicy: "Background", cancellationToken: cancellationToken));

    public Task<bool> DeleteDeploymentAsync(string name, CancellationToken cancellationToken) =>
        DeleteAsync(() => client.AppsV1.DeleteNamespacedDeploymentAsync(name, Namespace, propagationPolicy: "Background", cancellationToken: cancellationToken));

    public Task<bool> DeleteJobAsync(string name, CancellationToken cancellationToken) =>
        DeleteAsync(() => client.BatchV1.DeleteNamespacedJobAsync(name, Namespace, propagationPolicy: "Background", cancellationToken: cancellationToken));

    public Task<bool> DeleteIngressAsync(string name, CancellationToken cancellationToken) =>
        DeleteAsync(() => client.NetworkingV1.DeleteNamespacedIngressAsync(name, Namespace, propagationPolicy: "Background", cancellationToken: cancellationToken));

    /// <summary>
    /// A container's log as a stream (<paramref name="follow"/>: open until the container stops or the token is
    /// cancelled). <paramref name="previous"/> reads the last terminated instance; <paramref name="timestamps"/> prefixes
    /// each line with its RFC 3339 time.
    /// </summary>
    public async Task<Stream> ReadPodLogAsync(string pod, string container, int? tailLines, bool follow, bool previous, bool timestamps, CancellationToken cancellationToken)
    {
        var response = await CallAsync(() => client.CoreV1.ReadNamespacedPodLogWithHttpMessagesAsync(
            pod, Namespace, container: container, follow: follow ? true : null, previous: previous ? true : null,
            tailLines: tailLines is >= 0 ? tailLines : null, timestamps: timestamps ? true : null, cancellationToken: cancellationToken));
        return response.Body;
    }

    /// <summary>
    /// The Deployments matching <paramref name="labelSelector"/> as they change: from <paramref name="resourceVersion"/>,
    /// or (null) their current state first. Ends when the server closes the watch; a Status sent in the stream (410 Gone
    /// for a resourceVersion too old) is thrown as <see cref="KubernetesApiException"/>.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, V1Deployment Deployment)> WatchDeploymentsAsync(
        string labelSelector,
        string? resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? streamError = null;
        var events = client.AppsV1.WatchListNamespacedDeploymentAsync(
            Namespace,
            allowWatchBookmarks: true,
            labelSelector: labelSelector,
            resourceVersion: resourceVersion,
            onError: e => streamError ??= e,
            cancellationToken: cancellationToken);
        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (HttpOperationException e)
            {
                throw KubernetesErrors.Map(e);
            }

            if (streamError is KubernetesException status)
            {
                throw KubernetesErrors.Map(status);
            }

            if (!more)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    private string NamespaceOf(IMetadata<V1ObjectMeta> item)
    {
        // Stamped on the object too: an apply body naming no namespace is taken as the URL's, but being explicit keeps
        // what is applied and what is read back the same.
        item.Metadata.NamespaceProperty ??= Namespace;
        return item.Metadata.NamespaceProperty;
    }

    private static V1Patch Patch(object body) => new(body, V1Patch.PatchType.ApplyPatch);

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            throw KubernetesErrors.Map(e);
        }
    }

    private static async Task<T?> GetAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw KubernetesErrors.Map(e);
        }
    }

    private static async Task<bool> DeleteAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (JsonException)
        {
            // The server answered 2xx with the object being deleted (finalizers, foreground deletion) where the client
            // expects a Status: deleted either way.
            return true;
        }
        catch (HttpOperationException e)
        {
            throw KubernetesErrors.Map(e);
        }
    }

    private static async Task<IReadOnlyList<TItem>> ListAsync<TList, TItem>(Func<string?, Task<TList>> page, Func<TList, IList<TItem>?> items, Func<TList, V1ListMeta?> metadata)
    {
        var all = new List<TItem>();
        string? continueToken = null;
        do
        {
            var token = continueToken;
            var list = await CallAsync(() => page(token));
            all.AddRange(items(list) ?? []);
            continueToken = metadata(list)?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        return all;
    }
}
