using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Stratus.Apps.Apps;
using Stratus.Apps.Certificates;
using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Stratus.Apps.Plans;
using Stratus.Apps.Pools;
using Stratus.Apps.Versions;
using Stratus.Containers.Source;
using Stratus.Infra.Execution;
using Stratus.Kubernetes.Routing;
using Stratus.Kubernetes.Runtime;
using Stratus.Processes;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// The deploy and route steps: turns the app's desired state (units per process, stopped, restart stamp) and a
/// version into a <see cref="WorkloadSpec"/> for the pool's provisioner, and the running units into the pool's router
/// backend. Both are idempotent, so a re-run after a crash converges on the same result.
/// </summary>
public sealed class AppRollout(
    AppStore apps,
    PoolStore pools,
    PlanStore plans,
    AppVersionStore versions,
    AppEventStore events,
    AppLockStore locks,
    AppCertificateStore certificates,
    PoolDrivers drivers,
    IOptions<AppPipelineOptions> options,
    TimeProvider time)
{
    public async Task<RolloutOutcome> RolloutAsync(RolloutInput input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var held = await locks.TryAcquireAsync(input.App, input.EventId, input.Kind, "stratus", settings.LockLease, cancellationToken);
        if (!held.Acquired)
        {
            return new RolloutOutcome(false, null, $"This operation lost the app's lock: {held.Holder?.Describe()}.");
        }

        await using var lease = await AppLease.HoldAsync(locks, input.App, input.EventId, settings.LockLease, time, cancellationToken);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        // The desired-state change is made here, under the lock, so a refused (409) request changes nothing.
        var app = input.Kind switch
        {
            AppOperationKinds.Start => await apps.UpdateAsync(input.App, a => a with { Stopped = false }, work.Token),
            AppOperationKinds.Stop => await apps.UpdateAsync(input.App, a => a with { Stopped = true }, work.Token),
            AppOperationKinds.Restart => await apps.UpdateAsync(input.App, a => a with { RestartedAt = time.GetUtcNow() }, work.Token),
            _ => await apps.GetAsync(input.App, work.Token),
        };
        var pool = app is null ? null : await pools.GetAsync(app.Pool, work.Token);
        if (app is null || pool is null)
        {
            return new RolloutOutcome(input.Kind == AppOperationKinds.Remove, null, app is null ? $"The app '{input.App}' no longer exists." : $"The app's pool '{app.Pool}' no longer exists.");
        }

        var env = await apps.GetEnvForDeployAsync(app.Name, work.Token);
        await using var log = new EventLogWriter(events, input.EventId, new LogMasker(env.Where(e => e.Private && e.Value is not null).Select(e => e.Value!)), time);
        var runtime = Runtime(pool);
        if (input.Kind == AppOperationKinds.Remove)
        {
            log.Write($"Removing {app.Name}'s units ({runtime.Name}) and routes ({pool.Router})");
            await runtime.RemoveAppAsync(app.Name, work.Token);
            await Router(pool).RemoveBackendAsync(app.Name, work.Token);
            await apps.DeleteAsync(app.Name, work.Token);
            log.Write($"App {app.Name} removed");
            return new RolloutOutcome(true, null, null);
        }

        var number = input.Version ?? app.CurrentVersion;
        if (number is null)
        {
            log.Write("The app has no deployed version yet; the change applies at its first deploy.");
            return new RolloutOutcome(true, null, null);
        }

        if (await versions.GetAsync(app.Name, number.Value, work.Token) is not { Image: not null } version)
        {
            return new RolloutOutcome(false, number, $"Version {number} of {app.Name} has no image to run.");
        }

        var plan = await plans.GetAsync(app.Plan, work.Token);
        var spec = Spec(app, pool, plan, version, env, settings.DefaultPort);
        log.Write($"---- Rolling out version {version.Number} ({version.Image}) with {runtime.Name}: {string.Join(", ", spec.Processes.Select(p => $"{p.Name}×{p.Units}"))} ----");
        var result = await runtime.DeployAsync(spec, log.Write, work.Token);
        if (!result.Succeeded)
        {
            foreach (var crashed in result.Crashed)
            {
                log.Write($"---- Unit {crashed.Id} ({crashed.Process}) crashed: {crashed.Reason} ----");
                foreach (var line in crashed.LastLogLines)
                {
                    log.Write($"  {crashed.Id}: {line}");
                }
            }

            if (input.Kind == AppOperationKinds.Deploy)
            {
                await versions.UpdateAsync(app.Name, version.Number, v => v with { Status = AppVersionStatus.Failed }, CancellationToken.None);
            }

            var crashedLines = result.Crashed.SelectMany(c => c.LastLogLines.TakeLast(5).Select(l => $"{c.Id}: {l}")).ToList();
            var error = result.Error ?? "The rollout failed.";
            log.Write($"---- Rollout failed: {error}; the previous version keeps serving ----");
            return new RolloutOutcome(false, app.CurrentVersion, crashedLines.Count == 0 ? error : $"{error} Last log lines: {string.Join(" | ", crashedLines)}");
        }

        await versions.UpdateAsync(app.Name, version.Number, v => v with { Status = AppVersionStatus.Deployed, Successful = true }, CancellationToken.None);
        await apps.UpdateAsync(app.Name, a => a with
        {
            CurrentVersion = version.Number,
            Processes = spec.Processes.ToDictionary(p => p.Name, p => a.Stopped ? a.Processes.GetValueOrDefault(p.Name, 1) : p.Units, StringComparer.Ordinal),
        }, CancellationToken.None);
        log.Write($"---- Version {version.Number} is running: {result.Units.Count(u => u.Ready)} unit(s) ready ----");
        return new RolloutOutcome(true, version.Number, null);
    }

    public async Task<bool> RouteAsync(RolloutInput input, CancellationToken cancellationToken)
    {
        if (await apps.GetAsync(input.App, cancellationToken) is not { } app || await pools.GetAsync(app.Pool, cancellationToken) is not { } pool
            || input.Version is not { } number || await versions.GetAsync(app.Name, number, cancellationToken) is not { } version)
        {
            return false;
        }

        await using var log = new EventLogWriter(events, input.EventId, LogMasker.None, time);
        var units = (await Runtime(pool).GetUnitsAsync(app.Name, cancellationToken)).Where(u => u.Version == number && u.Ready && u.Address is not null).ToList();
        var prefixes = Prefixes(app.Name, Namespace(pool), version, Manifest(version), units, options.Value.DefaultPort);

        var router = Router(pool);
        var tls = await certificates.GetForRouteAsync(app.Name, app.CNames, cancellationToken);
        await router.EnsureBackendAsync(new RouteSpec(app.Name, app.TeamOwner, app.CNames, prefixes, app.RouterOptions, app.Tags)
        {
            Pool = app.Pool,
            Certificates = tls.Certificates.ToDictionary(c => c.Key, c => new RouteCertificate(c.Value.Certificate, c.Value.Key), StringComparer.Ordinal),
            CertIssuers = tls.Issuers,
            RemovedCertificates = tls.Removed,
        }, cancellationToken);
        await certificates.ForgetRemovedAsync(app.Name, tls.Removed, cancellationToken);
        log.Write($"---- Routed {app.Name} through the {router.Name} router: {string.Join(", ", prefixes.Select(p => p.Prefix.Length == 0 ? "(root)" : p.Prefix))} ----");
        return true;
    }

    /// <summary>
    /// Tsuru's prefixes for every process with a routable (TCP) port — <c>""</c> and <c>v&lt;N&gt;.version</c> for the
    /// web process, <c>&lt;proc&gt;.process</c> and <c>v&lt;N&gt;.version.&lt;proc&gt;.process</c>, all on the
    /// process's first port — plus one per routable port, <c>&lt;port&gt;.port.&lt;proc&gt;.process</c> and
    /// <c>v&lt;N&gt;.version.&lt;port&gt;.port.&lt;proc&gt;.process</c>, on that port.
    /// </summary>
    internal static List<RoutePrefix> Prefixes(string app, string ns, AppVersion version, AppBuildManifest manifest, IReadOnlyList<UnitInfo> units, int defaultPort)
    {
        var number = version.Number;
        var web = WebProcess(version);
        var prefixes = new List<RoutePrefix>();
        foreach (var process in version.Processes.Keys.Order(StringComparer.Ordinal))
        {
            var ports = PortsOf(manifest, process, web, version, defaultPort).AllPorts.Where(p => p.IsRoutable).ToList();
            if (ports.Count == 0)
            {
                continue;
            }

            var service = $"{app}-{AppBuildManifestParser.KubernetesName(process)}";
            var mine = units.Where(u => u.Process == process).ToList();
            List<string> AddressesOf(WorkloadPort port) =>
                mine.Select(u => u.PortAddresses.GetValueOrDefault(port.Name) ?? (port == ports[0] ? u.Address : null)).OfType<string>().ToList();

            var first = ports[0];
            var addresses = AddressesOf(first);
            if (process == web)
            {
                prefixes.Add(new RoutePrefix("", ns, service, first.Port, addresses));
                prefixes.Add(new RoutePrefix($"v{number}.version", ns, service, first.Port, addresses));
            }

            prefixes.Add(new RoutePrefix($"{process}.process", ns, service, first.Port, addresses));
            prefixes.Add(new RoutePrefix($"v{number}.version.{process}.process", ns, service, first.Port, addresses));
            foreach (var port in ports)
            {
                var portAddresses = AddressesOf(port);
                var needsPortTarget = port != first;
                prefixes.Add(new RoutePrefix($"{port.Name}.port.{process}.process", ns, service, port.Port, portAddresses) { NeedsPortTarget = needsPortTarget });
                prefixes.Add(new RoutePrefix($"v{number}.version.{port.Name}.port.{process}.process", ns, service, port.Port, portAddresses) { NeedsPortTarget = needsPortTarget });
            }
        }

        return prefixes;
    }

    internal static WorkloadSpec Spec(App app, Pool pool, Plan? plan, AppVersion version, IReadOnlyList<EnvVar> env, int defaultPort)
    {
        var manifest = Manifest(version);
        var web = WebProcess(version);
        var processes = version.Processes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            // Tsuru's rule: with tsuru.yaml processes, each process has its own checks or none; without, the app-wide
            // ones are the web process's. (A process's own check only exists with tsuru.yaml processes, except in
            // manifests stored before ChecksPerProcess, where it won too.)
            var own = manifest.Processes.FirstOrDefault(m => m.Name == p.Key);
            var appWide = !manifest.ChecksPerProcess && p.Key == web;
            var healthcheck = own?.Healthcheck ?? (appWide ? manifest.Healthcheck : null);
            var startupcheck = own?.Startupcheck ?? (appWide ? manifest.Startupcheck : null);
            var units = app.Stopped ? 0 : app.Processes.GetValueOrDefault(p.Key, 1);
            return PortsOf(manifest, p.Key, web, version, defaultPort) with
            {
                Command = p.Value,
                Units = units,
                Healthcheck = Health(healthcheck),
                Startupcheck = Health(startupcheck),
            };
        }).ToList();
        var variables = env.Where(e => e.Value is not null).ToDictionary(e => e.Name, e => e.Value!, StringComparer.Ordinal);
        variables["STRATUS_APP_NAME"] = app.Name;
        variables["STRATUS_APP_VERSION"] = version.Number.ToString(CultureInfo.InvariantCulture);
        return new WorkloadSpec(
            app.Name, version.Number, version.Image!, Namespace(pool), processes, variables,
            manifest.Hooks.RestartBefore, manifest.Hooks.RestartAfter,
            new ResourcePlan(plan?.Name ?? app.Plan, plan?.CpuMilli ?? 0, plan?.MemoryBytes ?? 0), app.TeamOwner, app.Pool)
        {
            RestartedAt = app.RestartedAt?.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The process the app's root address serves: <c>web</c>, or the only process there is.</summary>
    internal static string? WebProcess(AppVersion version) =>
        version.Processes.ContainsKey("web") ? "web" : version.Processes.Count == 1 ? version.Processes.Keys.First() : null;

    private static AppBuildManifest Manifest(AppVersion version) =>
        version.BuildManifest is { } json ? JsonSerializer.Deserialize<AppBuildManifest>(json, AppBuilder.Json) ?? AppBuildManifest.Empty : AppBuildManifest.Empty;

    /// <summary>
    /// A process's ports, as a <see cref="WorkloadProcess"/> without command or checks: those tsuru.yaml declares for it
    /// (<c>processes[].ports</c>, else <c>kubernetes.groups</c>); else, for the web process, the image's exposed port
    /// or the default one; else none (a worker).
    /// </summary>
    private static WorkloadProcess PortsOf(AppBuildManifest manifest, string process, string? web, AppVersion version, int defaultPort)
    {
        if (manifest.PortsOf(process) is { } declared)
        {
            var ports = declared.Select(p => new WorkloadPort(p.Name ?? WorkloadPort.DefaultName, p.Protocol, p.Port, p.TargetPort)).ToList();
            return new WorkloadProcess(process, "", 0, ports.Count > 0 ? ports[0].TargetPort : 0, null) { Ports = ports };
        }

        return new WorkloadProcess(process, "", 0, process == web ? version.ExposedPort ?? defaultPort : 0, null);
    }

    private static HealthcheckSpec? Health(AppHealthcheck? check) => check is null || (check.Path is null && check.Command is null)
        ? null
        : new HealthcheckSpec(check.Path, check.Command is { Count: > 0 } command ? ShellWords.Join(command) : null)
        {
            Scheme = check.Scheme == "https" ? "HTTPS" : "HTTP",
            Headers = check.Headers,
            IntervalSeconds = check.IntervalSeconds > 0 ? check.IntervalSeconds : 10,
            TimeoutSeconds = check.TimeoutSeconds > 0 ? check.TimeoutSeconds : 60,
            AllowedFailures = check.AllowedFailures > 0 ? check.AllowedFailures : 3,
            DeployTimeoutSeconds = check.DeployTimeoutSeconds > 0 ? check.DeployTimeoutSeconds : 120,
        };

    private static string Namespace(Pool pool) => pool.Kubernetes?.Namespace ?? "stratus";

    private IAppRuntime Runtime(Pool pool) => drivers.Runtime(pool);

    private IAppRouter Router(Pool pool) => drivers.Router(pool);
}
