namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>The backends every behaviour test runs on.</summary>
internal static class TestBackends
{
    public static TheoryData<DurableBackend> All => [DurableBackend.Embedded, DurableBackend.AzureStorage];

    /// <summary>
    /// How early a durable timer (or a StartAt) may fire. Azure Storage delays queue messages in whole seconds (the
    /// SDK sends the visibility timeout truncated), so DurableTask.AzureStorage fires them up to a second early.
    /// </summary>
    public static TimeSpan TimerPrecision(DurableBackend backend) =>
        backend == DurableBackend.AzureStorage ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;
}
