using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Standalone.Triggers.Queues;
using Stratus.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class QueueTriggerOptionsTests
{
    [Fact]
    public async Task Bind_NoSettings_UsesTheFunctionsHostDefaults()
    {
        var ct = TestTimeout.Token();
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, new QueueTestProbe(), ct);

        var options = harness.Host.Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value;

        Assert.Equal(16, options.BatchSize);
        Assert.Equal(8, options.EffectiveNewBatchThreshold);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, options.VisibilityTimeout);
        Assert.Equal(5, options.MaxDequeueCount);
    }

    [Fact]
    public async Task Bind_Settings_AreRead()
    {
        var ct = TestTimeout.Token();
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Functions:Queues:BatchSize"] = "32",
            ["Stratus:Functions:Queues:NewBatchThreshold"] = "4",
            ["Stratus:Functions:Queues:MaxPollingInterval"] = "00:00:02",
            ["Stratus:Functions:Queues:VisibilityTimeout"] = "00:00:30",
            ["Stratus:Functions:Queues:MaxDequeueCount"] = "3",
        };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, new QueueTestProbe(), ct, settings);

        var options = harness.Host.Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value;

        Assert.Equal(32, options.BatchSize);
        Assert.Equal(4, options.EffectiveNewBatchThreshold);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.VisibilityTimeout);
        Assert.Equal(3, options.MaxDequeueCount);
    }

    [Theory]
    [InlineData("BatchSize", "33", "BatchSize must be between 1 and 32")]
    [InlineData("BatchSize", "0", "BatchSize must be between 1 and 32")]
    [InlineData("NewBatchThreshold", "-1", "NewBatchThreshold must be 0 or more")]
    [InlineData("MaxPollingInterval", "00:00:00.050", "MaxPollingInterval must be between")]
    [InlineData("VisibilityTimeout", "8.00:00:00", "VisibilityTimeout must be between 0 and")]
    [InlineData("MaxDequeueCount", "0", "MaxDequeueCount must be 1 or more")]
    public async Task Start_InvalidSetting_FailsNamingIt(string key, string value, string expected)
    {
        var ct = TestTimeout.Token();
        var settings = new Dictionary<string, string?> { [$"Stratus:Functions:Queues:{key}"] = value };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, new QueueTestProbe(), ct, settings);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => harness.StartAsync(ct));

        Assert.Contains($"Stratus:Functions:Queues:{expected}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_QueueNameFromAppSetting_ListensOnTheNamedQueue()
    {
        var ct = TestTimeout.Token();
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe { Handler = (invocation, _) => Task.FromResult(handled.TrySetResult(invocation.QueueName)) };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct, declaredQueueName: "%WorkQueue%");

        // Upper case on purpose: the host lower-cases queue names.
        harness.Host.Services.GetRequiredService<IConfiguration>()["WorkQueue"] = harness.QueueName.ToUpperInvariant();
        await harness.StartAsync(ct);

        await harness.SendAsync("routed", ct);

        Assert.Equal(harness.QueueName, await handled.Task.WaitAsync(ct));
    }

    [Fact]
    public async Task Start_QueueNameSettingMissing_FailsNamingTheSetting()
    {
        var ct = TestTimeout.Token();
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, new QueueTestProbe(), ct, declaredQueueName: "%MissingQueue%");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(ct));

        Assert.Contains("'MissingQueue'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PoisonQueueNameTooLong_FailsNamingTheFunction()
    {
        var ct = TestTimeout.Token();
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, new QueueTestProbe(), ct, declaredQueueName: new string('a', 60));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync(ct));

        Assert.Contains($"'{QueueListenerHarness.FunctionName}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-poison", ex.Message, StringComparison.Ordinal);
    }
}
