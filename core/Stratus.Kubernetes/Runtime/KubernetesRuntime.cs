using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Stratus.Kubernetes.Api;
using Stratus.Kubernetes.Client;
using Stratus.Kubernetes.Manifests;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// The Kubernetes provisioner: server-side applies the manifests of a <see cref="WorkloadSpec"/>, watches the rollout
/// as Tsuru does (progress deadline, no progress for <see cref="KubernetesRuntimeOptions.ProgressTimeout"/>, every unit
/// ready within max(deploy timeout, 120 s)), and on failure puts back what was there before and reports the crashed
/// units with their last log lines.
/// </summary>
public sealed class KubernetesRuntime : IAppRuntime
{
    private readonly KubernetesResources _api;
    private readonly KubernetesRuntimeOptions _options;
    private readonly TimeProvider _time;

    /// <param name="ns">The namespace apps go to when their spec names none (the pool's).</param>
    public KubernetesRuntime(IKubernetes client, string ns, KubernetesRuntimeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _api = new KubernetesResources(client, ns);
        _options = options;
        _time = time;
    }

    public string Name => "kubernetes";

    public async Task<RolloutResult> DeployAsync(WorkloadSpec spec, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(log);

        var manifests = ManifestBuilder.BuildObjects(spec);

        // What was there before, to put back if the rollout fails.
        var previousSecret = await _api.GetSecretAsync(ManifestBuilder.SecretName(spec.App), cancellationToken);
        var previous = new Dictionary<string, V1Deployment?>(StringComparer.Ordinal);
        foreach (var deployment in manifests.Deployments)
        {
            var name = KubernetesObjects.Name(deployment);
            previous[name] = await _api.GetDeploymentAsync(name, cancellationToken);
        }

        var applied = new List<V1Deployment>();
        var secretApplied = false;
        string? failure;
        try
        {
            await _api.ApplyAsync(manifests.Secret, cancellationToken);
            secretApplied = true;
            foreach (var deployment in manifests.Deployments)
            {
                var process = KubernetesObjects.Label(deployment, ManifestLabels.AppProcess);
                log(string.Create(CultureInfo.InvariantCulture, $"{process}: applying version {spec.Version} with {deployment.Spec.Replicas} units"));
                applied.Add(deployment);
                await _api.ApplyAsync(deployment, cancellationToken);
            }

            failure = await WaitForRolloutAsync(spec, manifests.Deployments, log, cancellationToken);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
        {
            failure = e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A deploy stopped half-way must not leave a half-rolled-out app behind.
            using var restoring = new CancellationTokenSource(_options.RestoreTimeout, _time);
            await RestoreAsync(spec, applied, previous, secretApplied ? previousSecret : null, secretApplied, log, restoring.Token);
            throw;
        }

        if (failure is not null)
        {
            log($"rollout failed: {failure}");
            var crashed = await CollectCrashedAsync(spec, log, cancellationToken);
            await RestoreAsync(spec, applied, previous, previousSecret, secretApplied, log, cancellationToken);
            var remaining = await TryGetUnitsAsync(spec.App, cancellationToken);
            return new RolloutResult(false, failure, remaining, crashed);
        }

        foreach (var service in manifests.Services)
        {
            await _api.ApplyAsync(service, cancellationToken);
        }

        await PruneAsync(spec, manifests, log, cancellationToken);
        var units = await GetUnitsAsync(spec.App, cancellationToken);
        log(string.Create(CultureInfo.InvariantCulture, $"version {spec.Version} is running"));
        return new RolloutResult(true, null, units, []);
    }

    public async Task<IReadOnlyList<UnitInfo>> GetUnitsAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        var pods = await _api.ListPodsAsync($"{ManifestLabels.AppName}={app}", cancellationToken);
        return pods
            .Select(KubernetesPods.ToUnit)
            .OrderBy(u => u.Process, StringComparer.Ordinal)
            .ThenBy(u => u.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task RemoveAppAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        var selector = OwnedSelector(app);
        foreach (var ingress in await _api.ListIngressesAsync(selector, cancellationToken))
        {
            await _api.DeleteIngressAsync(KubernetesObjects.Name(ingress), cancellationToken);
        }

        foreach (var service in await _api.ListServicesAsync(selector, cancellationToken))
        {
            await _api.DeleteServiceAsync(KubernetesObjects.Name(service), cancellationToken);
        }

        foreach (var deployment in await _api.ListDeploymentsAsync(selector, cancellationToken))
        {
            await _api.DeleteDeploymentAsync(KubernetesObjects.Name(deployment), cancellationToken);
        }

        // By name as well: an Ingress made by a router or a Secret from an interrupted first deploy may carry no labels.
        await _api.DeleteIngressAsync(app, cancellationToken);
        await _api.DeleteSecretAsync(ManifestBuilder.SecretName(app), cancellationToken);
    }

    /// <summary>
    /// Without <paramref name="follow"/>: the last <paramref name="tail"/> lines across the units, in time order. With it:
    /// each unit's last lines and then its new lines as they come, interleaved as they arrive, until cancelled. Units
    /// started after the call are not followed.
    /// </summary>
    public async IAsyncEnumerable<UnitLogLine> ReadLogsAsync(string app, string? process, int tail, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        var selector = $"{ManifestLabels.AppName}={app}" + (string.IsNullOrEmpty(process) ? "" : $",{ManifestLabels.AppProcess}={process}");
        var pods = await _api.ListPodsAsync(selector, cancellationToken);
        int? tailLines = tail > 0 ? tail : null;

        if (!follow)
        {
            var lines = new List<UnitLogLine>();
            foreach (var pod in pods)
            {
                string text;
                try
                {
                    text = await ReadLogAsync(pod, tailLines, previous: false, timestamps: true, cancellationToken);
                }
                catch (KubernetesApiException)
                {
                    // A unit still being created has no log yet.
                    continue;
                }

                lines.AddRange(SplitLines(text).Select(l => ParseLine(pod, l)));
            }

            var ordered = lines.OrderBy(l => l.Time).ToList();
            foreach (var line in tailLines is null ? ordered : ordered.TakeLast(tailLines.Value))
            {
                yield return line;
            }

            yield break;
        }

        var channel = Channel.CreateUnbounded<UnitLogLine>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = pods.Select(pod => PumpAsync(pod)).ToList();
        _ = Task.WhenAll(pumps).ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default);
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        async Task PumpAsync(V1Pod pod)
        {
            try
            {
                await using var stream = await _api.ReadPodLogAsync(KubernetesObjects.Name(pod), KubernetesPods.Container(pod), tailLines, follow: true, previous: false, timestamps: true, stop.Token);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    await channel.Writer.WriteAsync(ParseLine(pod, line), stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or KubernetesApiException or HttpRequestException or IOException)
            {
                // One unit's stream ending (the unit went away, or the reader stopped) does not end the others.
            }
        }
    }

    /// <summary>
    /// Watches the app's Deployments until every one has rolled out, one has failed, or a deadline has passed; returns
    /// why it failed, or null. A watch the server closes (they time out) is re-opened from the last resourceVersion seen.
    /// </summary>
    private async Task<string?> WaitForRolloutAsync(WorkloadSpec spec, IReadOnlyList<V1Deployment> deployments, Action<string> log, CancellationToken cancellationToken)
    {
        using var activity = KubernetesTelemetry.ActivitySource.StartActivity("kubernetes rollout wait");
        activity?.SetTag("stratus.app", spec.App);
        activity?.SetTag("stratus.app.version", spec.Version);
        var started = _time.GetUtcNow();
        var pending = deployments.Select(d =>
        {
            var name = KubernetesObjects.Name(d);
            var process = spec.Processes.First(p => ManifestBuilder.DeploymentName(spec.App, p.Name) == name);
            var wait = TimeSpan.FromSeconds(Math.Max(process.Healthcheck?.DeployTimeoutSeconds ?? 0, 0));
            return new RolloutProgress(process.Name, name, wait > _options.MinimumHealthWait ? wait : _options.MinimumHealthWait, started);
        }).ToDictionary(w => w.Deployment, StringComparer.Ordinal);

        var failure = await WatchUntilDoneAsync(spec.App, pending, log, cancellationToken);
        activity?.SetTag("stratus.rollout.failure", failure);
        if (failure is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure);
        }

        return failure;
    }

    private async Task<string?> WatchUntilDoneAsync(string app, Dictionary<string, RolloutProgress> pending, Action<string> log, CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        while (pending.Values.Any(p => !p.Done))
        {
            var wait = pending.Values.Where(p => !p.Done).Min(p => p.Deadline(_options.ProgressTimeout)) - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return await ConfirmExpiredAsync(pending, log, cancellationToken);
            }

            using var deadline = new CancellationTokenSource(wait, _time);
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var events = 0;
            try
            {
                await foreach (var (type, deployment) in _api.WatchDeploymentsAsync(OwnedSelector(app), resourceVersion, watching.Token))
                {
                    events++;
                    resourceVersion = deployment.Metadata?.ResourceVersion ?? resourceVersion;
                    if (type == WatchEventType.Bookmark || !pending.TryGetValue(KubernetesObjects.Name(deployment), out var progress) || progress.Done)
                    {
                        continue;
                    }

                    if (type == WatchEventType.Deleted)
                    {
                        return $"{progress.Process}: the deployment {progress.Deployment} disappeared during the rollout";
                    }

                    if (progress.Observe(KubernetesDeploymentStatus.From(deployment), _time.GetUtcNow(), log) is { } failed)
                    {
                        return failed;
                    }

                    if (pending.Values.All(p => p.Done))
                    {
                        return null;
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A deadline passed; the loop head re-reads before calling it a failure.
                continue;
            }
            catch (KubernetesApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Gone)
            {
                // The resourceVersion is too old to resume from: start over from the current state.
                resourceVersion = null;
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                // The connection dropped, or the server closed the watch before its first event (the client then has
                // nothing to read): the same as a close, bounded by the deadlines like any other wait.
            }

            // The server closed the watch; re-open it where it left off (after a pause if it sent nothing, so a server
            // that keeps closing at once is not hammered).
            if (events == 0)
            {
                await Task.Delay(_options.WatchRetryDelay, _time, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// A deadline passed: read each unfinished Deployment once more (the watch may lag behind) before calling it
    /// failed; null when the read shows it progressed after all.
    /// </summary>
    private async Task<string?> ConfirmExpiredAsync(Dictionary<string, RolloutProgress> pending, Action<string> log, CancellationToken cancellationToken)
    {
        foreach (var progress in pending.Values.Where(p => !p.Done))
        {
            var live = await _api.GetDeploymentAsync(progress.Deployment, cancellationToken);
            if (live is null)
            {
                return $"{progress.Process}: the deployment {progress.Deployment} disappeared during the rollout";
            }

            var now = _time.GetUtcNow();
            if (progress.Observe(KubernetesDeploymentStatus.From(live), now, log) is { } failed)
            {
                return failed;
            }

            if (progress.Expired(now, _options.ProgressTimeout) is { } expired)
            {
                return expired;
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<CrashedUnit>> CollectCrashedAsync(WorkloadSpec spec, Action<string> log, CancellationToken cancellationToken)
    {
        var crashed = new List<CrashedUnit>();
        foreach (var process in spec.Processes.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var selector = string.Create(CultureInfo.InvariantCulture, $"{ManifestLabels.AppName}={spec.App},{ManifestLabels.AppProcess}={process.Name},{ManifestLabels.AppVersion}={spec.Version}");
            IReadOnlyList<V1Pod> pods;
            try
            {
                pods = await _api.ListPodsAsync(selector, cancellationToken);
            }
            catch (KubernetesApiException e)
            {
                log($"{process.Name}: could not list the new units: {e.Message}");
                continue;
            }

            foreach (var pod in pods.OrderBy(KubernetesObjects.Name, StringComparer.Ordinal))
            {
                var reason = KubernetesPods.FailureReason(pod);
                if (reason is null)
                {
                    continue;
                }

                var lines = await LastLinesAsync(pod, cancellationToken);
                crashed.Add(new CrashedUnit(KubernetesObjects.Name(pod), process.Name, reason, lines));
                log($"{process.Name}: unit {KubernetesObjects.Name(pod)} crashed: {reason}");
                foreach (var line in lines)
                {
                    log($"  {line}");
                }
            }
        }

        return crashed;
    }

    /// <summary>What the unit printed before it died (the previous container), else what the current one has printed.</summary>
    private async Task<IReadOnlyList<string>> LastLinesAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        if (KubernetesPods.HasRestarted(pod))
        {
            try
            {
                var previous = SplitLines(await ReadLogAsync(pod, _options.CrashLogLines, previous: true, timestamps: false, cancellationToken));
                if (previous.Count > 0)
                {
                    return previous.TakeLast(_options.CrashLogLines).ToList();
                }
            }
            catch (KubernetesApiException)
            {
                // No previous container to read (it was never started, or was collected): fall back to the current one.
            }
        }

        try
        {
            return SplitLines(await ReadLogAsync(pod, _options.CrashLogLines, previous: false, timestamps: false, cancellationToken)).TakeLast(_options.CrashLogLines).ToList();
        }
        catch (KubernetesApiException e)
        {
            return [$"(no log: {e.Message})"];
        }
    }

    private async Task<string> ReadLogAsync(V1Pod pod, int? tailLines, bool previous, bool timestamps, CancellationToken cancellationToken)
    {
        await using var stream = await _api.ReadPodLogAsync(KubernetesObjects.Name(pod), KubernetesPods.Container(pod), tailLines, follow: false, previous, timestamps, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Puts every applied Deployment (and the Secret) back as it was, or deletes what did not exist; best effort, each on its own.</summary>
    private async Task RestoreAsync(
        WorkloadSpec spec,
        IReadOnlyList<V1Deployment> applied,
        IReadOnlyDictionary<string, V1Deployment?> previous,
        V1Secret? previousSecret,
        bool secretApplied,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        foreach (var deployment in applied)
        {
            var name = KubernetesObjects.Name(deployment);
            var process = KubernetesObjects.Label(deployment, ManifestLabels.AppProcess);
            try
            {
                if (previous.GetValueOrDefault(name) is { } before)
                {
                    await _api.ApplyAsync(KubernetesObjects.ForReapply(before), cancellationToken);
                    log($"{process}: restored version {KubernetesObjects.Label(before, ManifestLabels.AppVersion) ?? "?"}");
                }
                else
                {
                    await _api.DeleteDeploymentAsync(name, cancellationToken);
                    log($"{process}: removed (it is new in this version)");
                }
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
            {
                log($"{process}: could not restore {name}: {e.Message}");
            }
        }

        if (!secretApplied)
        {
            return;
        }

        try
        {
            if (previousSecret is not null)
            {
                await _api.ApplyAsync(KubernetesObjects.ForReapply(previousSecret), cancellationToken);
            }
            else
            {
                await _api.DeleteSecretAsync(ManifestBuilder.SecretName(spec.App), cancellationToken);
            }
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
        {
            log($"could not restore the environment secret: {e.Message}");
        }
    }

    /// <summary>Deletes the Deployments and Services of processes the spec no longer has (and Services of processes that stopped serving).</summary>
    private async Task PruneAsync(WorkloadSpec spec, KubernetesManifests manifests, Action<string> log, CancellationToken cancellationToken)
    {
        var selector = OwnedSelector(spec.App);
        var deployments = manifests.Deployments.Select(KubernetesObjects.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var item in await _api.ListDeploymentsAsync(selector, cancellationToken))
        {
            var name = KubernetesObjects.Name(item);
            if (!deployments.Contains(name))
            {
                await _api.DeleteDeploymentAsync(name, cancellationToken);
                log($"{KubernetesObjects.Label(item, ManifestLabels.AppProcess) ?? name}: removed deployment {name} (no longer in the app)");
            }
        }

        var services = manifests.Services.Select(KubernetesObjects.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var item in await _api.ListServicesAsync(selector, cancellationToken))
        {
            var name = KubernetesObjects.Name(item);
            if (!services.Contains(name))
            {
                await _api.DeleteServiceAsync(name, cancellationToken);
                log($"{KubernetesObjects.Label(item, ManifestLabels.AppProcess) ?? name}: removed service {name} (no longer in the app)");
            }
        }
    }

    private async Task<IReadOnlyList<UnitInfo>> TryGetUnitsAsync(string app, CancellationToken cancellationToken)
    {
        try
        {
            return await GetUnitsAsync(app, cancellationToken);
        }
        catch (KubernetesApiException)
        {
            return [];
        }
    }

    private static string OwnedSelector(string app) => $"{ManifestLabels.AppName}={app},{ManifestLabels.ManagedBy}={ManifestLabels.ManagedByValue}";

    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>A <c>timestamps=true</c> line: an RFC 3339 time with up to nanoseconds, a space, the text.</summary>
    private UnitLogLine ParseLine(V1Pod pod, string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && TryParseTime(line[..space], out var time))
        {
            return new UnitLogLine(time, KubernetesObjects.Name(pod), KubernetesPods.Process(pod), line[(space + 1)..]);
        }

        return new UnitLogLine(_time.GetUtcNow(), KubernetesObjects.Name(pod), KubernetesPods.Process(pod), line);
    }

    private static bool TryParseTime(string text, out DateTimeOffset time)
    {
        // .NET reads at most 7 fractional digits; the kubelet writes 9.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
