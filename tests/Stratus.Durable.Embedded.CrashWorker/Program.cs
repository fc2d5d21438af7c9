using Stratus.Durable.Embedded.CrashWorker;

// crash <database> <effects-log>: one life of the kill -9 test's worker (see CrashRun).
// bench [directory]: throughput figures of the embedded backend (see ThroughputBenchmark).
return args switch
{
    ["crash", var databasePath, var effectsPath] => await CrashRun.RunAsync(databasePath, effectsPath),
    ["bench"] => await ThroughputBenchmark.RunAsync(Path.Combine(Path.GetTempPath(), "stratus-durable-bench-" + Guid.NewGuid().ToString("N"))),
    ["bench", var directory] => await ThroughputBenchmark.RunAsync(directory),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Stratus.Durable.Embedded.CrashWorker crash <database> <effects-log> | bench [directory]");
    return 64;
}
