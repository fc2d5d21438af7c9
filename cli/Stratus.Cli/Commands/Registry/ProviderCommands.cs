using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Stratus.Cli.Api;
using Stratus.Cli.Commands.Apps;
using Stratus.Cli.Commands.Infra;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Registry;

/// <summary><c>stratus provider publish|list|versions</c>: an organization's private terraform providers.</summary>
internal static class ProviderCommands
{
    private static readonly string[] ProviderHeaders = ["Provider", "Created", "Created by"];
    private static readonly string[] VersionHeaders = ["Version", "Protocols", "Platforms", "Published", "Published by"];

    public static Command Create(CliContext context) => new("provider", "Manages the organization's private terraform providers (terraform installs them as <host>/<organization>/<type>).")
    {
        Publish(context),
        List(context),
        Versions(context),
    };

    private static Command Publish(CliContext context)
    {
        var scope = new OrganizationScope();
        var type = new Argument<string>("type") { Description = "The provider type, as in terraform-provider-<type>." };
        var paths = new Argument<string[]>("paths") { Description = "The version's zips (terraform-provider-<type>_<version>_<os>_<arch>.zip), or a folder holding them such as goreleaser's dist/.", Arity = ArgumentArity.OneOrMore };
        var protocols = new Option<string?>("--protocols") { Description = "The plugin protocols it speaks, e.g. 5.0 or 6.0 (default: goreleaser's manifest if given, else 5.0)." };
        var command = new Command("publish", "Publishes a provider version from its zips; Stratus writes SHA256SUMS and signs it with the organization's key.");
        scope.AddTo(command);
        command.Arguments.Add(type);
        command.Arguments.Add(paths);
        command.Options.Add(protocols);
        context.SetAction(command, async (call, ct) =>
        {
            var files = ProviderPackageFiles.Find(call.Get(type)!, call.Get(paths)!);
            using var form = new MultipartFormDataContent();
            foreach (var file in files)
            {
                var part = new StreamContent(File.OpenRead(file));
                part.Headers.ContentType = new MediaTypeHeaderValue(file.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/zip");
                form.Add(part, "package", Path.GetFileName(file));
            }

            if (call.Get(protocols) is { } named)
            {
                form.Add(new StringContent(named), "protocols");
            }

            using var http = AppHttp.For(call);
            var json = await http.SendAsync(HttpMethod.Post, scope.Path(call, "providers", call.Get(type)!, "versions"), form, ct);
            var published = StratusApi.FromJson(json, ProviderVersionResponse.CreateFromDiscriminatorValue);
            var version = published.Value;
            InfraOutput.Changed(call, published,
                $"Published {version.Organization}/{version.Type} {version.Version} for {string.Join(", ", (version.Platforms ?? []).Select(p => $"{p.Os}_{p.Arch}"))} (protocols {string.Join(", ", version.Protocols ?? [])}; SHA256SUMS signed with key {version.KeyId}).");
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("list", "Lists the organization's private providers.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => scope.In(call, c).Providers.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), "No providers.", ProviderHeaders,
                p => [$"{p.Organization}/{p.Type}", Cells.Time(p.CreatedAt), p.CreatedBy]));
        return command;
    }

    private static Command Versions(CliContext context)
    {
        var scope = new OrganizationScope();
        var type = new Argument<string>("type") { Description = "The provider type." };
        var command = new Command("versions", "Lists a provider's versions, newest first, with their platforms.");
        scope.AddTo(command);
        command.Arguments.Add(type);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListArrayAsync((c, next, ct) => (next is null ? scope.In(call, c).Providers[call.Get(type)!].Versions : scope.In(call, c).Providers[call.Get(type)!].Versions.WithUrl(next)).GetAsync(cancellationToken: ct), ct), "No versions.", VersionHeaders,
                v => [v.Version, Cells.List(v.Protocols), Cells.List((v.Platforms ?? []).Select(p => $"{p.Os}_{p.Arch}")), Cells.Time(v.PublishedAt), v.PublishedBy]));
        return command;
    }
}
