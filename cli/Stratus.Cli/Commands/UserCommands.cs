using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Input;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus user list|create|disable|enable|remove</c>: local users (admins).</summary>
internal static class UserCommands
{
    private static readonly string[] Headers = ["Name", "Display name", "Email", "Source", "Disabled", "Created"];

    public static Command Create(CliContext context) => new("user", "Manages users.")
    {
        List(context),
        CreateUser(context),
        SetDisabled(context, "disable", disabled: true, "Disables a user; their tokens stop working at once."),
        SetDisabled(context, "enable", disabled: false, "Enables a disabled user again."),
        Remove(context),
    };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Lists users.");
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => c.Api.V1.Users.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), "No users.", Headers, Row));
        return command;
    }

    private static Command CreateUser(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The user name, such as alice@example.com." };
        var passwordStdin = CommonOptions.PasswordStdin("Read a password for 'stratus login' from standard input; without it the user signs in with tokens only.");
        var displayName = new Option<string?>("--display-name") { Description = "The user's full name." };
        var email = new Option<string?>("--email") { Description = "The user's e-mail address." };
        var command = new Command("create", "Creates a local user.") { name, passwordStdin, displayName, email };
        context.SetAction(command, async (call, ct) =>
        {
            var password = call.Get(passwordStdin) ? UserInput.ReadLine(context.Environment, "password") : null;
            var body = new CreateUserRequest { Name = call.Get(name), DisplayName = call.Get(displayName), Email = call.Get(email), Password = password };
            var created = await call.Client.Call((c, ct) => c.Api.V1.Users.PostAsync(body, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(created.Json);
            }

            call.Output.Success($"Created user {created.Value.Name}.");
        });
        return command;
    }

    private static Command SetDisabled(CliContext context, string verb, bool disabled, string description)
    {
        var name = new Argument<string>("name") { Description = "The user name." };
        var command = new Command(verb, description) { name };
        context.SetAction(command, async (call, ct) =>
        {
            var updated = await call.Client.Call((c, ct) => c.Api.V1.Users[call.Get(name)].PatchAsync(new UpdateUserRequest { Disabled = disabled }, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(updated.Json);
            }

            call.Output.Success(disabled ? $"Disabled user {updated.Value.Name}." : $"Enabled user {updated.Value.Name}.");
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The user name." };
        var command = new Command("remove", "Removes a user with their memberships, grants and tokens.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => c.Api.V1.Users[call.Get(name)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Removed user {call.Get(name)}.");
        });
        return command;
    }

    private static string?[] Row(UserResponse u) =>
        [u.Name, Cells.Text(u.DisplayName), Cells.Text(u.Email), u.Source, u.Disabled == true ? "yes" : "no", Cells.Time(u.CreatedAt)];
}
