using Stratus.Standalone.Triggers.Queues;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class QueuePollingBackoffTests
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Maximum = TimeSpan.FromSeconds(2);

    [Fact]
    public void Next_RepeatedEmptyPolls_GrowsUpToTheMaximumAndStaysThere()
    {
        var backoff = new QueuePollingBackoff(Minimum, Maximum);

        var waits = Enumerable.Range(0, 12).Select(_ => backoff.Next()).ToList();

        Assert.Equal(waits.Order(), waits);
        Assert.All(waits, wait => Assert.InRange(wait, Minimum, Maximum));
        Assert.Equal(Maximum, waits[^1]);
        Assert.Equal(Maximum, waits[^2]);
    }

    [Fact]
    public void Reset_AfterBackingOff_StartsFromTheMinimumAgain()
    {
        var backoff = new QueuePollingBackoff(Minimum, Maximum);
        for (var i = 0; i < 12; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next(), Minimum * 1.8, Minimum * 2.2);
    }

    [Fact]
    public void Next_MaximumEqualsMinimum_AlwaysTheMinimum()
    {
        var backoff = new QueuePollingBackoff(Minimum, Minimum);

        Assert.Equal([Minimum, Minimum, Minimum], new[] { backoff.Next(), backoff.Next(), backoff.Next() });
    }
}
