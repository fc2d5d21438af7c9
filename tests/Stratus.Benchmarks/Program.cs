using Stratus.Benchmarks;
using Stratus.Benchmarks.Apps;

// Usage: dotnet run -c Release --project tests/Stratus.Benchmarks -- storage [--quick]
//        dotnet run -c Release --project tests/Stratus.Benchmarks -- durable [--quick]
//        dotnet run -c Release --project tests/Stratus.Benchmarks -- infra [--quick]
//        dotnet run -c Release --project tests/Stratus.Benchmarks -- apps [--quick] [--push-only]
//        dotnet run -c Release --project tests/Stratus.Benchmarks -- modules [--quick]
// Prints one "RESULT <name> <value> <unit>" line per figure. --quick shrinks the workloads (CI smoke run).
var suite = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
var quick = args.Contains("--quick");
switch (suite)
{
    case "storage":
        await StorageBenchmark.RunAsync(quick);
        return 0;
    case "durable":
        return await DurableBenchmark.RunAsync(quick) ? 0 : 1;
    case "infra":
        return await InfraBenchmark.RunAsync(quick) ? 0 : 1;
    case "modules":
        return await ModuleBenchmark.RunAsync(quick) ? 0 : 1;
    case "apps":
        return await AppsBenchmark.RunAsync(quick, pushOnly: args.Contains("--push-only")) ? 0 : 1;
    default:
        await Console.Error.WriteLineAsync("usage: Stratus.Benchmarks storage|durable|infra|apps|modules [--quick]");
        return 2;
}
