using System.Text;
using Stratus.Api.Triggers;
using Stratus.Standalone.Triggers.Queues;
using Stratus.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class FunctionsQueueMessageEncodingTests
{
    private const string Unicode = "héllo ✓ 🚀 <xml attr=\"&\"/>";

    [Fact]
    public void Encode_UnicodeText_IsBase64OfUtf8()
    {
        var encoded = FunctionsQueueMessageEncoding.Encode(Unicode);

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(Unicode)), encoded);
        Assert.True(FunctionsQueueMessageEncoding.TryDecode(encoded, out var decoded));
        Assert.Equal(Unicode, decoded);
    }

    [Theory]
    [InlineData("this is not base64!")]
    [InlineData("abc")]
    [InlineData("{\"json\":true}")]
    public void TryDecode_NotBase64_ReturnsFalse(string text)
    {
        Assert.False(FunctionsQueueMessageEncoding.TryDecode(text, out var decoded));
        Assert.Null(decoded);
        Assert.Throws<FormatException>(() => FunctionsQueueMessageEncoding.Decode(text));
    }

    [Fact]
    public void TryDecode_Base64OfInvalidUtf8_ReturnsFalse()
    {
        Assert.False(FunctionsQueueMessageEncoding.TryDecode(Convert.ToBase64String([0xC3, 0x28, 0xFF]), out _));
    }

    [Fact]
    public void Encode_LoneSurrogate_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => FunctionsQueueMessageEncoding.Encode("broken \uD800 text"));
    }

    [Fact]
    public void TryDecode_EmptyText_DecodesToEmpty()
    {
        Assert.True(FunctionsQueueMessageEncoding.TryDecode(FunctionsQueueMessageEncoding.Encode(string.Empty), out var decoded));
        Assert.Equal(string.Empty, decoded);
    }

    [Fact]
    public async Task Listener_ProducerEncodes_FunctionReadsOriginalTextAndMetadata()
    {
        var ct = TestTimeout.Token();
        var handled = new TaskCompletionSource<QueueInvocation>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe { Handler = (invocation, _) => Task.FromResult(handled.TrySetResult(invocation)) };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct);
        await harness.StartAsync(ct);

        var receipt = await harness.SendAsync(Unicode, ct);
        var invocation = await handled.Task.WaitAsync(ct);
        await harness.StopAsync(ct);

        Assert.Equal(Unicode, invocation.MessageText);
        Assert.Equal(receipt.MessageId, invocation.MessageId);
        Assert.Equal(QueueListenerHarness.FunctionName, invocation.FunctionName);
        Assert.Equal(harness.QueueName, invocation.QueueName);
        Assert.Equal(1, invocation.DequeueCount);
        Assert.False(string.IsNullOrEmpty(invocation.PopReceipt));
        Assert.NotNull(invocation.InsertionTime);
        Assert.NotNull(invocation.ExpirationTime);
        Assert.True(invocation.NextVisibleTime > invocation.InsertionTime);
        Assert.Equal(0, await harness.Queue.GetApproximateCountAsync(ct));
    }
}
