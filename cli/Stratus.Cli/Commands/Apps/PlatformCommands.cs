using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Cli.Output;

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
            call.Output.ShowList(await call.Api.ListAllAsync<PlatformInfo>(ApiPath.Of("platforms"), ct), "No platforms.", Headers,
                p => [p.Name, p.Image, p.Disabled ? "disabled" : "enabled", Cells.Time(p.UpdatedAt)]));
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
            var created = await call.Api.PostAsync<PlatformInfo>(ApiPath.Of("platforms"), new { name = call.Get(name), image = call.Get(image) }, ct);
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

            var json = await call.Api.SendAsync(HttpMethod.Put, ApiPath.Of("platforms", call.Get(name)), new { image = call.Get(image), disabled }, ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(json);
            }

            var updated = System.Text.Json.JsonSerializer.Deserialize<PlatformInfo>(json, CliJson.Options)!;
            call.Output.Success($"Updated platform {updated.Name}: {updated.Image}, {(updated.Disabled ? "disabled" : "enabled")}.");
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The platform name." };
        var command = new Command("remove", "Removes a platform.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Api.DeleteAsync(ApiPath.Of("platforms", call.Get(name)), ct);
            call.Output.Success($"Removed platform {call.Get(name)}.");
        });
        return command;
    }
}
