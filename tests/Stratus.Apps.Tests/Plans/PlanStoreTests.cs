using Stratus.Apps.Names;
using Stratus.Apps.Plans;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Plans;

public abstract class PlanStoreTests(StorageBackend backend)
{
    private readonly FakeTimeProvider _clock = new();

    private PlanStore Store() => new(backend.Account, _clock);

    [Fact]
    public async Task CreateAsync_NewPlan_ReadsBack()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var name = UniqueNames.Next("plan");

        Assert.True(await store.CreateAsync(new Plan(name, 500, 512L * 1024 * 1024, false), ct));

        var plan = await store.GetAsync(name, ct);
        Assert.Equal(new Plan(name, 500, 512L * 1024 * 1024, false, _clock.GetUtcNow(), _clock.GetUtcNow()), plan);
        Assert.False(await store.CreateAsync(new Plan(name, 1, 1, false), ct));
        Assert.Contains(await store.ListAsync(ct), p => p.Name == name);
    }

    [Fact]
    public async Task CreateAsync_NegativeCpu_Throws()
    {
        var ct = TestTimeout.Token();

        var ex = await Assert.ThrowsAsync<InvalidAppRequestException>(() => Store().CreateAsync(new Plan("p", -1, 0, false), ct));

        Assert.Contains("CPU", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetDefaultAsync_TwoPlans_OneDefault()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var first = UniqueNames.Next("plan");
        var second = UniqueNames.Next("plan");
        await store.CreateAsync(new Plan(first, 100, 100, true), ct);
        await store.CreateAsync(new Plan(second, 200, 200, false), ct);

        await store.SetDefaultAsync(second, ct);

        Assert.Equal(second, (await store.GetDefaultAsync(ct))?.Name);
        Assert.Single(await store.ListAsync(ct), p => p.Default);
    }

    [Fact]
    public async Task UpdateAndDelete_ExistingPlan_Apply()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var name = UniqueNames.Next("plan");
        await store.CreateAsync(new Plan(name, 100, 100, false), ct);

        await store.UpdateAsync(name, p => p with { CpuMilli = 250 }, ct);
        Assert.Equal(250, (await store.GetAsync(name, ct))!.CpuMilli);

        Assert.True(await store.DeleteAsync(name, ct));
        Assert.Null(await store.GetAsync(name, ct));
    }
}

public sealed class EmbeddedPlanStoreTests(EmbeddedStorageBackend backend) : PlanStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuritePlanStoreTests(AzuriteStorageBackend backend) : PlanStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
