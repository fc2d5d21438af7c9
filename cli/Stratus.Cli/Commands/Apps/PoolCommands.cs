using System.CommandLine;
using Spectre.Console;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary><c>stratus pool list|add|info|remove|default</c>: where apps run, how they are routed, where their images go.</summary>
internal static class PoolCommands
{
    private static readonly string[] Headers = ["Name", "Provisioner", "Router", "Registry", "Default", "Teams"];

    public static Command Create(CliContext context) => new("pool", "Manages pools: where apps run, how they are routed and which registry holds their images.")
    {
        List(context),
        Add(context),
        Info(context),
        Remove(context),
        SetDefault(context),
    };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Lists pools.");
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => c.Api.V1.Pools.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), "No pools.", Headers,
                p => [p.Name, p.Provisioner, p.Router, Registry(p.Registry), p.Default == true ? "yes" : "no", Teams(p.Teams)]));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The pool name, such as local." };
        var provisioner = new Option<string>("--provisioner", "-p")
        {
            Description = "Where apps run: podman (this machine) or kubernetes.",
            DefaultValueFactory = _ => "podman",
        };
        var router = new Option<string>("--router", "-r")
        {
            Description = "How apps are reached: local (http://<app>.localhost), tsuru-api or ingress.",
            DefaultValueFactory = _ => "local",
        };
        var routerOptions = new Option<string[]>("--router-option") { Description = "A router setting as key=value; repeat for more." };
        var registry = new Option<string>("--registry")
        {
            Description = "The registry app images are pushed to, such as 127.0.0.1:5000.",
            Required = true,
        };
        var registryNamespace = new Option<string>("--registry-namespace")
        {
            Description = "The repository prefix in the registry.",
            DefaultValueFactory = _ => "stratus",
        };
        var insecure = new Option<bool>("--insecure-registry") { Description = "Talk to the registry over plain HTTP (a local registry)." };
        var server = new Option<string?>("--kubernetes-server") { Description = "The cluster's API server URL (kubernetes pools)." };
        var kubernetesNamespace = new Option<string?>("--kubernetes-namespace") { Description = "The namespace apps are deployed to (kubernetes pools)." };
        var isDefault = new Option<bool>("--default") { Description = "Make it the default pool, for apps created without one." };
        var teams = new Option<string[]>("--team", "-t") { Description = "A team that may use the pool; repeat for more. None means every team." };
        var command = new Command("add", "Creates a pool.")
        {
            name, provisioner, router, routerOptions, registry, registryNamespace, insecure, server, kubernetesNamespace, isDefault, teams,
        };
        context.SetAction(command, async (call, ct) =>
        {
            var kubernetes = call.Get(server) is null && call.Get(kubernetesNamespace) is null
                ? null
                : new PoolKubernetesRequest { Server = call.Get(server), Namespace = call.Get(kubernetesNamespace) };
            var body = new PoolRequest
            {
                Name = call.Get(name),
                Provisioner = call.Get(provisioner),
                Router = call.Get(router),
                RouterOptions = new PoolRequest_routerOptions { AdditionalData = KeyValues(call.Get(routerOptions)) },
                Registry = new PoolRegistryRequest { Address = call.Get(registry), Namespace = call.Get(registryNamespace), Insecure = call.Get(insecure) },
                Kubernetes = kubernetes,
                Default = call.Get(isDefault),
                Teams = [.. call.Get(teams) ?? []],
            };
            var created = await call.Client.Call((c, ct) => c.Api.V1.Pools.PostAsync(body, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(created.Json);
            }

            call.Output.Success($"Created pool {created.Value.Name}{(created.Value.Default == true ? " (the default)" : "")}.");
        });
        return command;
    }

    private static Command Info(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The pool name." };
        var command = new Command("info", "Shows a pool's settings.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            var pool = await call.Client.Call((c, ct) => c.Api.V1.Pools[call.Get(name)].GetAsync(cancellationToken: ct), ct);
            call.Output.Show(pool, p => new Rows(
                new Text($"{p.Name}{(p.Default == true ? " (default)" : "")}", new Style(decoration: Decoration.Bold)),
                CliOutput.Table(["Setting", "Value"],
                [
                    ["Provisioner", p.Provisioner],
                    ["Router", p.Router],
                    ["Router options", Cells.List(p.RouterOptions is { } options ? AdditionalValue.Pairs(options.AdditionalData) : null)],
                    ["Registry", Registry(p.Registry)],
                    ["Insecure registry", p.Registry?.Insecure == true ? "yes" : "no"],
                    ["Kubernetes", p.Kubernetes is { } k ? $"{k.Server} (namespace {k.Namespace})" : null],
                    ["Teams", Teams(p.Teams)],
                    ["Created", Cells.Time(p.CreatedAt)],
                    ["Updated", Cells.Time(p.UpdatedAt)],
                ])));
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The pool name." };
        var command = new Command("remove", "Removes a pool.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => c.Api.V1.Pools[call.Get(name)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Removed pool {call.Get(name)}.");
        });
        return command;
    }

    private static Command SetDefault(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The pool name." };
        var command = new Command("default", "Makes a pool the default, for apps created without one.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            var updated = await call.Client.Call((c, ct) => c.Api.V1.Pools[call.Get(name)].Default.PostAsync(cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(updated.Json);
            }

            call.Output.Success($"Pool {updated.Value.Name} is now the default.");
        });
        return command;
    }

    private static Dictionary<string, object> KeyValues(string[]? pairs)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new CliException($"The router option '{pair}' is not key=value.", "Write it as --router-option key=value, such as --router-option domain=example.com.");
            }

            values[pair[..separator]] = pair[(separator + 1)..];
        }

        return values;
    }

    private static string Registry(PoolRegistry? registry) => $"{registry?.Address}/{registry?.Namespace}";

    private static string Teams(List<string>? teams) => teams is null || teams.Count == 0 ? "(all teams)" : string.Join(", ", teams);
}
