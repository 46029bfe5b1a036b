using System.Text.Json;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// Live alarms for the screens of this node: every node dispatches <c>integrity.alarm.raised</c>
/// (whichever node or command raised it), and this hands it to the open alarm pages, which keep
/// only their user's hubs. In memory only: a page that was not open learns of alarms when it loads.
/// </summary>
public sealed class AlarmNotifier
{
    private readonly Lock _gate = new();

    private readonly List<Func<AlarmRaised, Task>> _listeners = [];

    /// <summary>Calls <paramref name="listener"/> for every alarm raised until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<AlarmRaised, Task> listener)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    public async Task PublishAsync(AlarmRaised alarm)
    {
        Func<AlarmRaised, Task>[] listeners;
        lock (_gate)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            // One page that fails (a closed circuit) must not keep the alarm from the others.
            try
            {
                await listener(alarm);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or TaskCanceledException)
            {
                Unsubscribe(listener);
            }
        }
    }

    private void Unsubscribe(Func<AlarmRaised, Task> listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }

    private sealed class Subscription(AlarmNotifier notifier, Func<AlarmRaised, Task> listener) : IDisposable
    {
        public void Dispose() => notifier.Unsubscribe(listener);
    }
}

/// <summary>Hands each raised alarm to this node's <see cref="AlarmNotifier"/>.</summary>
public sealed class AlarmBroadcast(AlarmNotifier notifier) : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == AlarmRaised.EventType;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<AlarmRaised>(message.Payload, Json) is { } alarm ? notifier.PublishAsync(alarm) : Task.CompletedTask;
}
