using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary><c>stratus platform list|add|update|remove</c>: the base images source deploys build on.</summary>
internal static class PlatformCommands
{
    private static readonly string[] Headers = ["Name", "Image", "Status", "Updated"];

    public static Command Create(CliContext context) => new("platform", "Manages platforms: the base images source deploys build on.")
    {
        List(context),
        Add(context),
        Update(context),
        Remove(context),
    };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Lists platforms.");
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => c.Api.V1.Platforms.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), "No platforms.", Headers,
                p => [p.Name, p.Image, p.Disabled == true ? "disabled" : "enabled", Cells.Time(p.UpdatedAt)]));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The platform name, such as static or python." };
        var image = new Option<string>("--image", "-i")
        {
            Description = "The base image, such as 127.0.0.1:5000/platforms/static:latest.",
            Required = true,
        };
        var command = new Command("add", "Adds a platform: a name for a base image.") { name, image };
        context.SetAction(command, async (call, ct) =>
        {
            var created = await call.Client.Call((c, ct) => c.Api.V1.Platforms.PostAsync(new PlatformRequest { Name = call.Get(name), Image = call.Get(image) }, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(created.Json);
            }

            call.Output.Success($"Added platform {created.Value.Name} ({created.Value.Image}).");
        });
        return command;
    }

    private static Command Update(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The platform name." };
        var image = new Option<string?>("--image", "-i") { Description = "A new base image." };
        var disable = new Option<bool>("--disable") { Description = "Offer the platform to no new deploys." };
        var enable = new Option<bool>("--enable") { Description = "Offer a disabled platform again." };
        var command = new Command("update", "Changes a platform's image, or disables or enables it.") { name, image, disable, enable };
        command.Validators.Add(result =>
        {
            if (result.GetValue(disable) && result.GetValue(enable))
            {
                result.AddError("Use either --disable or --enable, not both.");
            }
        });
        context.SetAction(command, async (call, ct) =>
        {
            bool? disabled = call.Get(disable) ? true : call.Get(enable) ? false : null;
            if (call.Get(image) is null && disabled is null)
            {
                throw new CliException("Nothing to change.", "Give --image, --disable or --enable.");
            }

            var result = await call.Client.Call((c, ct) => c.Api.V1.Platforms[call.Get(name)].PutAsync(new PlatformRequest { Image = call.Get(image), Disabled = disabled }, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(result.Json);
            }

            var updated = result.Value;
            call.Output.Success($"Updated platform {updated.Name}: {updated.Image}, {(updated.Disabled == true ? "disabled" : "enabled")}.");
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The platform name." };
        var command = new Command("remove", "Removes a platform.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => c.Api.V1.Platforms[call.Get(name)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Removed platform {call.Get(name)}.");
        });
        return command;
    }
}
