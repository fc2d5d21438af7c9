using Stratus.Storage.Queues;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Contract;

/// <summary>What every queue adapter must do, in the Azure Queue service's terms (Azurite is the reference).</summary>
public abstract class QueueContractTests(StorageTarget target)
{
    private static readonly TimeSpan Hidden = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task SendAsync_ThenReceiveAndDelete_RemovesTheMessage()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);

        var receipt = await queue.SendAsync("hello", cancellationToken: ct);
        var message = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));

        Assert.Equal(receipt.MessageId, message.MessageId);
        Assert.Equal("hello", message.Text);
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.PopReceipt));
        Assert.True(message.NextVisibleOn >= message.InsertedOn.AddMinutes(4));
        Assert.NotNull(message.ExpiresOn);
        Assert.True(message.ExpiresOn > message.InsertedOn.AddDays(6));

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);

        Assert.Empty(await queue.PeekAsync(32, ct));
        Assert.Equal(0, await queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task ReceiveAsync_EmptyQueue_ReturnsNothing()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);

        Assert.Empty(await queue.ReceiveAsync(32, Hidden, ct));
    }

    [Fact]
    public async Task ReceiveAsync_VisibilityTimeoutElapses_MessageReappearsWithDequeueCount2()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        await queue.SendAsync("again", cancellationToken: ct);
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), ct));
        Assert.Empty(await queue.ReceiveAsync(1, Hidden, ct));

        await target.AdvanceAsync(TimeSpan.FromSeconds(1.5));
        var second = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal("again", second.Text);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt, ct));
        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt, ct);
        Assert.Equal(0, await queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task SendAsync_VisibilityDelay_HidesTheMessageUntilTheDelayPasses()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);

        var receipt = await queue.SendAsync("later", visibilityDelay: TimeSpan.FromSeconds(1), cancellationToken: ct);

        Assert.Empty(await queue.ReceiveAsync(1, Hidden, ct));
        Assert.Empty(await queue.PeekAsync(1, ct));
        Assert.Equal(1, await queue.GetApproximateCountAsync(ct));

        await target.AdvanceAsync(TimeSpan.FromSeconds(1.5));

        var message = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));
        Assert.Equal(receipt.MessageId, message.MessageId);
        Assert.Equal(1, message.DequeueCount);
        Assert.True(receipt.NextVisibleOn - message.InsertedOn >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SendAsync_TimeToLiveElapses_MessageIsGone()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        await queue.SendAsync("short-lived", timeToLive: TimeSpan.FromSeconds(1), cancellationToken: ct);
        await queue.SendAsync("long-lived", cancellationToken: ct);
        Assert.Equal(2, (await queue.PeekAsync(32, ct)).Count);

        await target.AdvanceAsync(TimeSpan.FromSeconds(1.5));

        var left = Assert.Single(await queue.PeekAsync(32, ct));
        Assert.Equal("long-lived", left.Text);
        Assert.Equal("long-lived", Assert.Single(await queue.ReceiveAsync(32, Hidden, ct)).Text);
    }

    [Fact]
    public async Task SendAsync_InfiniteTimeToLive_NeverExpires()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);

        await queue.SendAsync("forever", timeToLive: Timeout.InfiniteTimeSpan, cancellationToken: ct);

        var peeked = Assert.Single(await queue.PeekAsync(1, ct));
        Assert.Null(peeked.ExpiresOn);
        Assert.Null(Assert.Single(await queue.ReceiveAsync(1, Hidden, ct)).ExpiresOn);
    }

    [Fact]
    public async Task SendAsync_InvalidTimes_ThrowInvalidRequestBeforeSending()
    {
        var ct = TestTimeout.Token();
        var queue = target.Account.Queues.GetQueue(UniqueNames.Next("missing", 20));

        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.SendAsync("x", visibilityDelay: TimeSpan.FromSeconds(-1), cancellationToken: ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.SendAsync("x", visibilityDelay: TimeSpan.FromDays(8), cancellationToken: ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.SendAsync("x", timeToLive: TimeSpan.Zero, cancellationToken: ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.ReceiveAsync(1, TimeSpan.Zero, ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(
            () => queue.SendAsync("x", visibilityDelay: TimeSpan.FromSeconds(10), timeToLive: TimeSpan.FromSeconds(5), cancellationToken: ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.SendAsync("bell\u0007", cancellationToken: ct));
    }

    [Fact]
    public async Task PeekAsync_VisibleMessages_DoesNotDequeue()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        var receipt = await queue.SendAsync("look", cancellationToken: ct);

        var first = Assert.Single(await queue.PeekAsync(1, ct));
        var second = Assert.Single(await queue.PeekAsync(5, ct));

        Assert.Equal(receipt.MessageId, first.MessageId);
        Assert.Equal("look", first.Text);
        Assert.Equal(0, first.DequeueCount);
        Assert.Equal(0, second.DequeueCount);
        var received = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));
        Assert.Equal(1, received.DequeueCount);
        Assert.Empty(await queue.PeekAsync(1, ct));
    }

    [Fact]
    public async Task UpdateMessageAsync_NewTextAndVisibility_IssuesNewPopReceipt()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        await queue.SendAsync("v1", cancellationToken: ct);
        var received = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));

        var updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "v2 <&>", ct);

        Assert.Equal(received.MessageId, updated.MessageId);
        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.True(updated.NextVisibleOn < received.NextVisibleOn);
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, Hidden, cancellationToken: ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, ct));
        var again = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));
        Assert.Equal("v2 <&>", again.Text);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task UpdateMessageAsync_VisibilityOnly_KeepsTextAndHidesLonger()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        await queue.SendAsync("keep me", cancellationToken: ct);
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), ct));

        var updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, Hidden, cancellationToken: ct);
        await target.AdvanceAsync(TimeSpan.FromSeconds(1.5));

        Assert.True(updated.NextVisibleOn >= received.NextVisibleOn.AddMinutes(4));
        Assert.Empty(await queue.ReceiveAsync(1, Hidden, ct));
        var made = await queue.UpdateMessageAsync(received.MessageId, updated.PopReceipt, TimeSpan.Zero, cancellationToken: ct);
        var again = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));
        Assert.Equal("keep me", again.Text);
        await queue.DeleteMessageAsync(again.MessageId, again.PopReceipt, ct);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.DeleteMessageAsync(again.MessageId, made.PopReceipt, ct));
    }

    [Fact]
    public async Task DeleteMessageAsync_StalePopReceipt_ThrowsNotFoundAndKeepsMessage()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        await queue.SendAsync("m", cancellationToken: ct);
        var received = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));
        var updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, Hidden, cancellationToken: ct);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, ct));

        Assert.Equal(1, await queue.GetApproximateCountAsync(ct));
        await queue.DeleteMessageAsync(received.MessageId, updated.PopReceipt, ct);
        Assert.Equal(0, await queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task DeleteMessageAsync_UnknownMessage_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        var receipt = await queue.SendAsync("m", cancellationToken: ct);
        var received = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, ct);

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.DeleteMessageAsync(receipt.MessageId, received.PopReceipt, ct));

        Assert.Equal("MessageNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task GetApproximateCountAsync_CountsVisibleAndHiddenMessages()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        Assert.Equal(0, await queue.GetApproximateCountAsync(ct));
        for (var i = 0; i < 3; i++)
        {
            await queue.SendAsync($"m{i}", cancellationToken: ct);
        }

        await queue.SendAsync("delayed", visibilityDelay: TimeSpan.FromMinutes(1), cancellationToken: ct);
        Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));

        Assert.Equal(4, await queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task SendAsync_Exactly64KiB_IsAcceptedAndRoundTrips()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        var text = new string('x', (64 * 1024) - 3) + "é!";

        await queue.SendAsync(text, cancellationToken: ct);

        Assert.Equal(64 * 1024, System.Text.Encoding.UTF8.GetByteCount(text));
        Assert.Equal(text, Assert.Single(await queue.ReceiveAsync(1, Hidden, ct)).Text);
    }

    [Fact]
    public async Task SendAsync_64KiBPlusOne_ThrowsMessageTooLargeAndSendsNothing()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);

        var ex = await Assert.ThrowsAsync<MessageTooLargeException>(() => queue.SendAsync(new string('x', (64 * 1024) + 1), cancellationToken: ct));

        Assert.Equal((64 * 1024) + 1, ex.ActualBytes);
        Assert.Equal(413, ex.Status);
        Assert.Equal(0, await queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task UpdateMessageAsync_TextOver64KiB_ThrowsMessageTooLarge()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        await queue.SendAsync("small", cancellationToken: ct);
        var received = Assert.Single(await queue.ReceiveAsync(1, Hidden, ct));

        await Assert.ThrowsAsync<MessageTooLargeException>(
            () => queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, new string('y', (64 * 1024) + 1), ct));

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, ct);
    }

    [Fact]
    public async Task ReceiveAsync_Batch32_ReturnsThirtyTwoDistinctMessages()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        for (var i = 0; i < 40; i++)
        {
            await queue.SendAsync($"message {i}", cancellationToken: ct);
        }

        var batch = await queue.ReceiveAsync(32, Hidden, ct);

        Assert.Equal(32, batch.Count);
        Assert.Equal(32, batch.Select(m => m.MessageId).Distinct().Count());
        Assert.All(batch, m => Assert.Equal(1, m.DequeueCount));
        Assert.Equal(8, (await queue.ReceiveAsync(32, Hidden, ct)).Count);
        Assert.Empty(await queue.PeekAsync(32, ct));
    }

    [Fact]
    public async Task ReceiveAsync_BatchSizeOutOfRange_ThrowsInvalidRequest()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);

        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.ReceiveAsync(0, Hidden, ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.ReceiveAsync(33, Hidden, ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.PeekAsync(33, ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => queue.ReceiveAsync(1, TimeSpan.FromDays(8), ct));
    }

    [Fact]
    public async Task SendAsync_XmlSpecialAndNonAsciiText_RoundTrips()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        string[] texts =
        [
            "<&>\"' </MessageText><![CDATA[x]]>",
            "ünïcødé · 日本語 · emoji 😀 · ﷽",
            "  leading and trailing spaces  ",
            "tab\tline\nfeed",
            "carriage\r\nreturn\r",
            "{\"json\": [1, 2, \"three & four\"]}",
        ];

        foreach (var text in texts)
        {
            await queue.SendAsync(text, cancellationToken: ct);
        }

        var received = await queue.ReceiveAsync(32, Hidden, ct);
        Assert.Equal(texts.Order(StringComparer.Ordinal), received.Select(m => m.Text).Order(StringComparer.Ordinal));
        var peekedAfterUpdate = await queue.UpdateMessageAsync(received[0].MessageId, received[0].PopReceipt, TimeSpan.Zero, texts[0] + texts[1], ct);
        Assert.Equal(received[0].MessageId, peekedAfterUpdate.MessageId);
        Assert.Equal(texts[0] + texts[1], Assert.Single(await queue.PeekAsync(1, ct)).Text);
    }

    [Fact]
    public async Task SendAsync_UnknownQueue_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var queue = target.Account.Queues.GetQueue(UniqueNames.Next("missing", 20));

        var send = await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.SendAsync("x", cancellationToken: ct));
        Assert.Equal("QueueNotFound", send.ErrorCode);
        Assert.Equal("QueueNotFound", (await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.ReceiveAsync(1, Hidden, ct))).ErrorCode);
        Assert.Equal("QueueNotFound", (await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.PeekAsync(1, ct))).ErrorCode);
        Assert.Equal("QueueNotFound", (await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.GetApproximateCountAsync(ct))).ErrorCode);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_KeepsMessages()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        await queue.SendAsync("kept", cancellationToken: ct);

        await queue.CreateIfNotExistsAsync(ct);

        Assert.Equal(1, await queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task DeleteIfExistsAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var ct = TestTimeout.Token();
        var queue = await NewQueueAsync(ct);
        await queue.SendAsync("gone soon", cancellationToken: ct);

        Assert.True(await queue.DeleteIfExistsAsync(ct));
        Assert.False(await queue.DeleteIfExistsAsync(ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task GetQueue_InvalidName_ThrowsInvalidRequest()
    {
        var ct = TestTimeout.Token();

        foreach (var name in new[] { "ab", "Upper", "under_score", "double--hyphen", "-leading", "trailing-", new string('q', 64) })
        {
            var ex = Assert.Throws<InvalidStorageRequestException>(() => target.Account.Queues.GetQueue(name));
            Assert.Equal("InvalidResourceName", ex.ErrorCode);
        }

        var valid = target.Account.Queues.GetQueue(UniqueNames.Next("q-", 20));
        await valid.CreateIfNotExistsAsync(ct);
        Assert.True(await valid.DeleteIfExistsAsync(ct));
    }

    private async Task<IQueueClient> NewQueueAsync(CancellationToken ct)
    {
        var queue = target.Account.Queues.GetQueue(UniqueNames.Next("q", 20));
        await queue.CreateIfNotExistsAsync(ct);
        return queue;
    }
}

public sealed class EmbeddedQueueContractTests(EmbeddedTarget target) : QueueContractTests(target), IClassFixture<EmbeddedTarget>;

public sealed class AzuriteQueueContractTests(AzuriteTarget target) : QueueContractTests(target), IClassFixture<AzuriteTarget>;
