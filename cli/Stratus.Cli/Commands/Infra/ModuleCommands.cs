using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Stratus.Cli.Api;
using Stratus.Cli.Commands.Apps;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>stratus module publish|list|versions --org &lt;org&gt;</c>: an organization's private registry modules, which
/// terraform installs as <c>source = "&lt;stratus host&gt;/&lt;org&gt;/&lt;name&gt;/&lt;system&gt;"</c>.
/// </summary>
internal static class ModuleCommands
{
    private static readonly string[] Headers = ["Module", "Latest", "Versions", "Description", "Source", "Updated"];
    private static readonly string[] VersionHeaders = ["Version", "From", "Files", "Size", "Published", "By"];

    public static Command Create(CliContext context) => new("module", "Manages an organization's private registry modules.")
    {
        Publish(context),
        List(context),
        Versions(context),
    };

    private static Command Publish(CliContext context)
    {
        var scope = new OrganizationScope();
        var git = new Option<string?>("--git") { Description = "A git repository to publish version tags from (https://…, ssh://…, git@host:path)." };
        var tags = new Option<string[]>("--tag", "-t") { Description = "A tag to publish (repeatable); default: every semver tag not yet published.", AllowMultipleArgumentsPerToken = false };
        var folder = new Option<string?>("--folder") { Description = "The module's folder inside the repository (default: its root)." };
        var path = new Option<string?>("--path") { Description = "A folder (packed here without .git and .terraform) or a .tar.gz to publish as --version." };
        var version = new Option<string?>("--version", "-v") { Description = "The version of --path, a semantic version such as 1.2.0." };
        var description = new Option<string?>("--description", "-d") { Description = "What the module does." };
        var command = new Command("publish", "Publishes module versions from a git repository's tags (--git) or from a folder or archive (--path with --version).")
        {
            git, tags, folder, path, version, description,
        };
        scope.AddTo(command);
        var name = new Argument<string>("name") { Description = "The module's name, such as network." };
        var system = new Argument<string>("system") { Description = "The system (provider) it targets, such as azurerm." };
        command.Arguments.Add(name);
        command.Arguments.Add(system);
        context.SetAction(command, async (call, ct) =>
        {
            System.Text.Json.JsonElement json;
            if (call.Get(git) is { } repository)
            {
                if (call.Get(path) is not null || call.Get(version) is not null)
                {
                    throw new CliException("--git publishes tags; --path and --version publish a folder.", "Give one of them.");
                }

                var named = call.Get(tags) is { Length: > 0 } given ? given : null;
                var body = new PublishModuleRequest { Source = repository, Folder = call.Get(folder), Tags = named is null ? null : [.. named], Description = call.Get(description) };
                json = (await call.Client.Call((c, ct) => scope.In(call, c).Modules[call.Get(name)!][call.Get(system)!].Versions.PostAsync(body, cancellationToken: ct), ct)).Json;
            }
            else if (call.Get(path) is { } local)
            {
                var number = call.Get(version) ?? throw new CliException("--path needs --version.", "Give the version, such as --version 1.2.0.");
                await using var archive = await WorkspaceSourceArchive.OpenAsync(call, local, ct);
                using var content = new StreamContent(archive);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
                using var http = AppHttp.For(call);
                var query = call.Get(description) is { } text ? "?description=" + Uri.EscapeDataString(text) : "";
                json = await http.SendAsync(HttpMethod.Put, ApiPath.Of(["organizations", scope.Name(call), "modules", call.Get(name)!, call.Get(system)!, "versions", number]) + query, content, ct);
            }
            else
            {
                throw new CliException("Nothing to publish.", "Give --git <repository> (its version tags) or --path <folder or .tar.gz> with --version.");
            }

            var result = StratusApi.FromJson(json, PublishModuleResponse.CreateFromDiscriminatorValue).Value;
            if (call.Output.IsJson)
            {
                call.Output.Json(json);
            }

            var module = result.Module ?? new ModuleResponse();
            var published = result.Published ?? [];
            var ignored = result.IgnoredTags ?? [];
            call.Output.Success(published.Count == 0
                ? $"Nothing new to publish for {module.RegistrySource}; its latest version is {module.LatestVersion}."
                : $"Published {module.RegistrySource} {string.Join(", ", published.Select(v => v.Version))}.");
            if (ignored.Count > 0)
            {
                call.Output.Info($"Left out tags that are not semantic versions: {string.Join(", ", ignored)}.");
            }

            call.Output.Info($"Use it in terraform as source = \"<stratus host>/{module.RegistrySource}\" with version = \"~> {module.LatestVersion}\".");
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("list", "Lists an organization's modules with their newest version.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => scope.In(call, c).Modules.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), $"No modules in {scope.Describe(call)}.", Headers,
                m => [m.RegistrySource, m.LatestVersion, (m.VersionCount ?? 0).ToString(CultureInfo.InvariantCulture), Cells.Text(m.Description), Cells.Text(m.Source), Cells.Time(m.UpdatedAt)]));
        return command;
    }

    private static Command Versions(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("versions", "Lists a module's versions, newest first, with the tag or upload each came from.");
        scope.AddTo(command);
        var name = new Argument<string>("name") { Description = "The module's name." };
        var system = new Argument<string>("system") { Description = "The system it targets." };
        command.Arguments.Add(name);
        command.Arguments.Add(system);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => /* one page: the document declares no paging here */ scope.In(call, c).Modules[call.Get(name)][call.Get(system)].Versions.GetAsync(cancellationToken: ct), page => page.Items, null, ct),
                $"Module {call.Get(name)}/{call.Get(system)} has no versions.", VersionHeaders,
                v => [v.Version, v.Tag is null ? "upload" : $"tag {v.Tag}", (v.Files ?? 0).ToString(CultureInfo.InvariantCulture), (v.Size ?? 0).ToString(CultureInfo.InvariantCulture), Cells.Time(v.PublishedAt), v.PublishedBy]));
        return command;
    }
}
