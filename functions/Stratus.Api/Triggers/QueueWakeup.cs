namespace Stratus.Api.Triggers;

/// <summary>Per queue name (case-insensitive, as the host lower-cases queue names), the listeners to wake.</summary>
internal sealed class QueueWakeup : IQueueWakeup
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<QueueWakeupSubscription>> _subscriptions = new(StringComparer.OrdinalIgnoreCase);

    public void Notify(string queueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        QueueWakeupSubscription[] targets;
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(queueName, out var list))
            {
                return;
            }

            targets = [.. list];
        }

        foreach (var target in targets)
        {
            target.Signal();
        }
    }

    public QueueWakeupSubscription Subscribe(string queueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        var subscription = new QueueWakeupSubscription(this, queueName);
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(queueName, out var list))
            {
                list = [];
                _subscriptions.Add(queueName, list);
            }

            list.Add(subscription);
        }

        return subscription;
    }

    internal void Unsubscribe(QueueWakeupSubscription subscription)
    {
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(subscription.QueueName, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _subscriptions.Remove(subscription.QueueName);
            }
        }
    }
}
