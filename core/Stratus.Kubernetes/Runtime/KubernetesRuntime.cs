using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Stratus.Kubernetes.Api;
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
    private readonly KubernetesApiClient _api;
    private readonly KubernetesRuntimeOptions _options;
    private readonly TimeProvider _time;

    public KubernetesRuntime(KubernetesApiClient api, KubernetesRuntimeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _api = api;
        _options = options;
        _time = time;
    }

    public string Name => "kubernetes";

    public async Task<RolloutResult> DeployAsync(WorkloadSpec spec, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(log);

        var manifests = ManifestBuilder.Build(spec);
        var secret = manifests[0];
        var deployments = manifests.Where(m => Kind(m) == "Deployment").ToList();
        var services = manifests.Where(m => Kind(m) == "Service").ToList();

        // What was there before, to put back if the rollout fails.
        var previousSecret = await _api.GetAsync(KubernetesKind.Secret, ManifestBuilder.SecretName(spec.App), cancellationToken);
        var previous = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        foreach (var deployment in deployments)
        {
            var name = KubernetesJson.Name(deployment);
            previous[name] = await _api.GetAsync(KubernetesKind.Deployment, name, cancellationToken);
        }

        var applied = new List<JsonObject>();
        var secretApplied = false;
        string? failure;
        try
        {
            await _api.ApplyAsync(secret, cancellationToken);
            secretApplied = true;
            foreach (var deployment in deployments)
            {
                var process = KubernetesJson.Label(deployment, ManifestLabels.AppProcess);
                log(string.Create(CultureInfo.InvariantCulture, $"{process}: applying version {spec.Version} with {deployment["spec"]?["replicas"]} units"));
                applied.Add(deployment);
                await _api.ApplyAsync(deployment, cancellationToken);
            }

            failure = await WatchAsync(spec, deployments, log, cancellationToken);
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

        foreach (var service in services)
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
        var pods = await _api.ListAsync(KubernetesKind.Pod, $"{ManifestLabels.AppName}={app}", cancellationToken);
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
        foreach (var kind in new[] { KubernetesKind.Ingress, KubernetesKind.Service, KubernetesKind.Deployment })
        {
            foreach (var item in await _api.ListAsync(kind, selector, cancellationToken))
            {
                await _api.DeleteAsync(kind, KubernetesJson.Name(item), cancellationToken);
            }
        }

        // By name as well: an Ingress made by a router or a Secret from an interrupted first deploy may carry no labels.
        await _api.DeleteAsync(KubernetesKind.Ingress, app, cancellationToken);
        await _api.DeleteAsync(KubernetesKind.Secret, ManifestBuilder.SecretName(app), cancellationToken);
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
        var pods = await _api.ListAsync(KubernetesKind.Pod, selector, cancellationToken);
        int? tailLines = tail > 0 ? tail : null;

        if (!follow)
        {
            var lines = new List<UnitLogLine>();
            foreach (var pod in pods)
            {
                string text;
                try
                {
                    text = await _api.GetPodLogAsync(KubernetesJson.Name(pod), KubernetesPods.Container(pod), tailLines, cancellationToken, timestamps: true);
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

        async Task PumpAsync(JsonObject pod)
        {
            try
            {
                await foreach (var line in _api.FollowPodLogAsync(KubernetesJson.Name(pod), KubernetesPods.Container(pod), tailLines, timestamps: true, stop.Token))
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

    private async Task<string?> WatchAsync(WorkloadSpec spec, IReadOnlyList<JsonObject> deployments, Action<string> log, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var watches = deployments.Select(d =>
        {
            var process = spec.Processes.First(p => ManifestBuilder.DeploymentName(spec.App, p.Name) == KubernetesJson.Name(d));
            var wait = TimeSpan.FromSeconds(Math.Max(process.Healthcheck?.DeployTimeoutSeconds ?? 0, 0));
            return new Watch(process.Name, KubernetesJson.Name(d), wait > _options.MinimumHealthWait ? wait : _options.MinimumHealthWait, started);
        }).ToList();

        while (true)
        {
            foreach (var watch in watches.Where(w => !w.Done))
            {
                var live = await _api.GetAsync(KubernetesKind.Deployment, watch.Deployment, cancellationToken);
                if (live is null)
                {
                    return $"{watch.Process}: the deployment {watch.Deployment} disappeared during the rollout";
                }

                var status = KubernetesDeploymentStatus.From(live);
                if (status.DeadlineExceededMessage is not null)
                {
                    return $"{watch.Process}: the rollout exceeded its progress deadline: {status.DeadlineExceededMessage}";
                }

                var now = _time.GetUtcNow();
                if (watch.LastKey != status.ProgressKey)
                {
                    if (watch.LastKey is null || watch.LastNewReady != status.NewReady)
                    {
                        log(string.Create(CultureInfo.InvariantCulture, $"{watch.Process}: {status.NewReady}/{status.Desired} units ready"));
                    }

                    watch.LastKey = status.ProgressKey;
                    watch.LastNewReady = status.NewReady;
                    watch.LastProgress = now;
                }

                if (status.Complete)
                {
                    watch.Done = true;
                    log(string.Create(CultureInfo.InvariantCulture, $"{watch.Process}: rollout complete ({status.Desired} units)"));
                    continue;
                }

                if (now - watch.LastProgress >= _options.ProgressTimeout)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{watch.Process}: no rollout progress for {_options.ProgressTimeout.TotalSeconds:0} s ({status.NewReady}/{status.Desired} units ready)");
                }

                if (now - watch.Started >= watch.HealthWait)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{watch.Process}: {status.NewReady}/{status.Desired} units ready after {watch.HealthWait.TotalSeconds:0} s");
                }
            }

            if (watches.All(w => w.Done))
            {
                return null;
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<CrashedUnit>> CollectCrashedAsync(WorkloadSpec spec, Action<string> log, CancellationToken cancellationToken)
    {
        var crashed = new List<CrashedUnit>();
        foreach (var process in spec.Processes.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var selector = string.Create(CultureInfo.InvariantCulture, $"{ManifestLabels.AppName}={spec.App},{ManifestLabels.AppProcess}={process.Name},{ManifestLabels.AppVersion}={spec.Version}");
            IReadOnlyList<JsonObject> pods;
            try
            {
                pods = await _api.ListAsync(KubernetesKind.Pod, selector, cancellationToken);
            }
            catch (KubernetesApiException e)
            {
                log($"{process.Name}: could not list the new units: {e.Message}");
                continue;
            }

            foreach (var pod in pods.OrderBy(KubernetesJson.Name, StringComparer.Ordinal))
            {
                var reason = KubernetesPods.FailureReason(pod);
                if (reason is null)
                {
                    continue;
                }

                var lines = await LastLinesAsync(pod, cancellationToken);
                crashed.Add(new CrashedUnit(KubernetesJson.Name(pod), process.Name, reason, lines));
                log($"{process.Name}: unit {KubernetesJson.Name(pod)} crashed: {reason}");
                foreach (var line in lines)
                {
                    log($"  {line}");
                }
            }
        }

        return crashed;
    }

    /// <summary>What the unit printed before it died (the previous container), else what the current one has printed.</summary>
    private async Task<IReadOnlyList<string>> LastLinesAsync(JsonObject pod, CancellationToken cancellationToken)
    {
        var name = KubernetesJson.Name(pod);
        var container = KubernetesPods.Container(pod);
        if (KubernetesPods.HasRestarted(pod))
        {
            try
            {
                var previous = SplitLines(await _api.GetPodLogAsync(name, container, _options.CrashLogLines, cancellationToken, previous: true));
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
            return SplitLines(await _api.GetPodLogAsync(name, container, _options.CrashLogLines, cancellationToken)).TakeLast(_options.CrashLogLines).ToList();
        }
        catch (KubernetesApiException e)
        {
            return [$"(no log: {e.Message})"];
        }
    }

    /// <summary>Puts every applied Deployment (and the Secret) back as it was, or deletes what did not exist; best effort, each on its own.</summary>
    private async Task RestoreAsync(
        WorkloadSpec spec,
        IReadOnlyList<JsonObject> applied,
        IReadOnlyDictionary<string, JsonObject?> previous,
        JsonObject? previousSecret,
        bool secretApplied,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        foreach (var deployment in applied)
        {
            var name = KubernetesJson.Name(deployment);
            var process = KubernetesJson.Label(deployment, ManifestLabels.AppProcess);
            try
            {
                if (previous.GetValueOrDefault(name) is { } before)
                {
                    await _api.ApplyAsync(KubernetesJson.ForReapply(before), cancellationToken);
                    log($"{process}: restored version {KubernetesJson.Label(before, ManifestLabels.AppVersion) ?? "?"}");
                }
                else
                {
                    await _api.DeleteAsync(KubernetesKind.Deployment, name, cancellationToken);
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
                await _api.ApplyAsync(KubernetesJson.ForReapply(previousSecret), cancellationToken);
            }
            else
            {
                await _api.DeleteAsync(KubernetesKind.Secret, ManifestBuilder.SecretName(spec.App), cancellationToken);
            }
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
        {
            log($"could not restore the environment secret: {e.Message}");
        }
    }

    /// <summary>Deletes the Deployments and Services of processes the spec no longer has (and Services of processes that stopped serving).</summary>
    private async Task PruneAsync(WorkloadSpec spec, IReadOnlyList<JsonObject> manifests, Action<string> log, CancellationToken cancellationToken)
    {
        var selector = OwnedSelector(spec.App);
        foreach (var kind in new[] { KubernetesKind.Deployment, KubernetesKind.Service })
        {
            var wanted = manifests.Where(m => Kind(m) == kind.Kind).Select(KubernetesJson.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var item in await _api.ListAsync(kind, selector, cancellationToken))
            {
                var name = KubernetesJson.Name(item);
                if (!wanted.Contains(name))
                {
                    await _api.DeleteAsync(kind, name, cancellationToken);
                    log($"{KubernetesJson.Label(item, ManifestLabels.AppProcess) ?? name}: removed {kind.Kind.ToLowerInvariant()} {name} (no longer in the app)");
                }
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

    private static string? Kind(JsonObject manifest) => KubernetesJson.Text(manifest, "kind");

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
    private UnitLogLine ParseLine(JsonObject pod, string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && TryParseTime(line[..space], out var time))
        {
            return new UnitLogLine(time, KubernetesJson.Name(pod), KubernetesPods.Process(pod), line[(space + 1)..]);
        }

        return new UnitLogLine(_time.GetUtcNow(), KubernetesJson.Name(pod), KubernetesPods.Process(pod), line);
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

    private sealed class Watch(string process, string deployment, TimeSpan healthWait, DateTimeOffset started)
    {
        public string Process { get; } = process;

        public string Deployment { get; } = deployment;

        public TimeSpan HealthWait { get; } = healthWait;

        public DateTimeOffset Started { get; } = started;

        public DateTimeOffset LastProgress { get; set; } = started;

        public (long, int, int, int, int)? LastKey { get; set; }

        public int LastNewReady { get; set; }

        public bool Done { get; set; }
    }
}
