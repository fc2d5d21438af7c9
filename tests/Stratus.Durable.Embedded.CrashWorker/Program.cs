using Stratus.Durable.Embedded.CrashWorker;

// crash <database> <effects-log>: one life of the kill -9 test's worker (see CrashRun). Throughput figures come from
// the durable benchmark (tests/Stratus.Benchmarks, `durable`), which runs the same runtime on both backends.
return args switch
{
    ["crash", var databasePath, var effectsPath] => await CrashRun.RunAsync(databasePath, effectsPath),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Stratus.Durable.Embedded.CrashWorker crash <database> <effects-log>");
    return 64;
}
