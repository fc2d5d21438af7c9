using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary><c>stratus plan list|add|remove</c>: the CPU and memory each unit of an app gets.</summary>
internal static class PlanCommands
{
    private static readonly string[] Headers = ["Name", "CPU", "Memory", "Default"];

    public static Command Create(CliContext context) => new("plan", "Manages plans: the CPU and memory each unit of an app gets.")
    {
        List(context),
        Add(context),
        Remove(context),
    };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Lists plans.");
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => c.Api.V1.Plans.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), "No plans.", Headers,
                p => [p.Name, PlanCpu.Format(p.CpuMilli ?? 0), p.MemoryText ?? p.Memory?.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Default == true ? "yes" : "no"]));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plan name, such as small." };
        var cpu = new Option<string?>("--cpu", "-c") { Description = "CPU per unit: millicores such as 500m, or cores such as 0.5 or 2. Omitted: no limit." };
        var memory = new Option<string?>("--memory", "-m") { Description = "Memory per unit: bytes, or a quantity such as 512Mi or 1Gi. Omitted: no limit." };
        var isDefault = new Option<bool>("--default") { Description = "Make it the default plan, for apps created without one." };
        var command = new Command("add", "Creates a plan.") { name, cpu, memory, isDefault };
        context.SetAction(command, async (call, ct) =>
        {
            var cpuMilli = call.Get(cpu) is { } given ? PlanCpu.ToMilli(given) : 0;
            var body = new PlanRequest { Name = call.Get(name), CpuMilli = cpuMilli, Default = call.Get(isDefault) };
            if (call.Get(memory) is { } quantity)
            {
                // The document types memory as "bytes or a quantity" (a JsonElement), which the generated model cannot
                // hold: the text goes as an additional property under the same name.
                body.AdditionalData["memory"] = quantity;
            }

            var created = await call.Client.Call((c, ct) => c.Api.V1.Plans.PostAsync(body, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(created.Json);
            }

            var plan = created.Value;
            call.Output.Success($"Created plan {plan.Name}: CPU {PlanCpu.Format(plan.CpuMilli ?? 0)}, memory {plan.MemoryText}{(plan.Default == true ? " (the default)" : "")}.");
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plan name." };
        var command = new Command("remove", "Removes a plan.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => c.Api.V1.Plans[call.Get(name)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Removed plan {call.Get(name)}.");
        });
        return command;
    }
}
