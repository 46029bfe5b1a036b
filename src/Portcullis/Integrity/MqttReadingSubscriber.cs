using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>The broker the reading subscriber connects to, from <c>Integrity:Mqtt</c>; no host, no subscriber.</summary>
public sealed record MqttOptions
{
    public string? Host { get; init; }

    public int Port { get; init; } = 1883;

    /// <summary>
    /// The same on every node: the broker keeps one persistent session under it, so whichever node
    /// holds the lease resumes the queue the previous holder left.
    /// </summary>
    public string ClientId { get; init; } = "portcullis-readings";

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Topic filters, comma-separated (docs/INTEGRITY.md, "MQTT").</summary>
    public string Topics { get; init; } = "portcullis/v1/readings/#,dcsa/v1/#";

    /// <summary>How long the broker keeps the session (and queues readings) while no node is connected.</summary>
    public uint SessionExpirySeconds { get; init; } = 7 * 24 * 3600;

    /// <summary>Most messages stored in one transaction.</summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>How long a batch waits for more messages after the first; the floor of the latency from publish to commit.</summary>
    public int BatchMilliseconds { get; init; } = 5;

    public int MaxBackoffSeconds { get; init; } = 30;
}

/// <summary>
/// Subscribes to the readings topics with QoS 1 on a persistent session (clean start false, a
/// session expiry), hands messages to <see cref="ReadingPipeline"/> in batches and acknowledges
/// each message only after the batch's transaction committed: a crash or a lost connection before
/// that leaves it unacknowledged, and the broker delivers it again (stored once: the key is device
/// and reading id). One node at a time holds the subscription (job lease
/// <see cref="Job"/>), with a client id shared by all nodes so that a takeover resumes the same
/// session. Reconnects with exponential back-off up to <see cref="MqttOptions.MaxBackoffSeconds"/>.
/// </summary>
public sealed class MqttReadingSubscriber(
    ReadingPipeline pipeline, JobLeases leases, MqttOptions options, DeviceRateLimiter limiter, TimeProvider clock, ILogger<MqttReadingSubscriber> logger) : BackgroundService
{
    public const string Job = "integrity.mqtt-readings";

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>Messages stored and acknowledged since start (for tests and the benchmark).</summary>
    public long Acknowledged => Interlocked.Read(ref acknowledged);

    private long acknowledged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            return;
        }

        var backoff = TimeSpan.FromSeconds(1);
        var toldNotHolder = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await leases.TryAcquireAsync(Job, Lease, stoppingToken))
                {
                    if (!toldNotHolder)
                    {
                        ReadingLog.NotHolder(logger);
                        toldNotHolder = true;
                    }

                    await Task.Delay(Lease / 3, clock, stoppingToken);
                    continue;
                }

                await RunSessionAsync(() => backoff = TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                ReadingLog.ConnectFailed(logger, options.Host, options.Port, backoff.TotalSeconds, e);
                await Task.Delay(backoff, clock, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(options.MaxBackoffSeconds).Ticks));
            }
        }
    }

    /// <summary>One connection: returns (or throws) when it is lost, the lease is lost or the host stops.</summary>
    private async Task RunSessionAsync(Action connected, CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var inbox = Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(new BoundedChannelOptions(options.BatchSize * 4) { SingleReader = true });
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ =>
        {
            lost.TrySetResult();
            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += async e =>
        {
            // Acknowledged by the batch loop once stored; waiting here when the inbox is full slows the broker down instead of dropping.
            e.AutoAcknowledge = false;
            await inbox.Writer.WriteAsync(e, stoppingToken);
        };

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(options.SessionExpirySeconds)
            .WithReceiveMaximum(ushort.MaxValue)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(options.Username))
        {
            builder = builder.WithCredentials(options.Username, options.Password);
        }

        var result = await client.ConnectAsync(builder.Build(), stoppingToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"The broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in options.Topics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            subscribe = subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await client.SubscribeAsync(subscribe.Build(), stoppingToken);
        ReadingLog.Connected(logger, options.Host!, options.Port, options.ClientId, options.Topics, result.IsSessionPresent);
        connected();

        var renewAt = clock.GetUtcNow() + (Lease / 3);
        try
        {
            var batch = new List<MqttApplicationMessageReceivedEventArgs>(options.BatchSize);
            while (!lost.Task.IsCompleted)
            {
                var waitFor = inbox.Reader.WaitToReadAsync(stoppingToken).AsTask();
                var woke = await Task.WhenAny(waitFor, lost.Task, Task.Delay(Lease / 3, clock, stoppingToken));
                if (woke == waitFor && inbox.Reader.TryRead(out var first))
                {
                    batch.Add(first);
                    await FillAsync(inbox.Reader, batch, stoppingToken);
                    await StoreAndAcknowledgeAsync(batch, stoppingToken);
                    batch.Clear();
                }

                if (clock.GetUtcNow() >= renewAt)
                {
                    if (!await leases.TryAcquireAsync(Job, Lease, stoppingToken))
                    {
                        // Another node holds the job now: leave, unacknowledged messages go to it.
                        return;
                    }

                    renewAt = clock.GetUtcNow() + (Lease / 3);
                }

                stoppingToken.ThrowIfCancellationRequested();
            }

            throw new InvalidOperationException("The connection to the broker was lost.");
        }
        finally
        {
            if (client.IsConnected)
            {
                // Unacknowledged messages stay in the session; a normal disconnect keeps it (no will, session expiry set).
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            }
        }
    }

    private async Task FillAsync(ChannelReader<MqttApplicationMessageReceivedEventArgs> inbox, List<MqttApplicationMessageReceivedEventArgs> batch, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + TimeSpan.FromMilliseconds(options.BatchMilliseconds);
        while (batch.Count < options.BatchSize)
        {
            if (inbox.TryRead(out var next))
            {
                batch.Add(next);
                continue;
            }

            var left = until - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(left);
            try
            {
                await inbox.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task StoreAndAcknowledgeAsync(List<MqttApplicationMessageReceivedEventArgs> batch, CancellationToken cancellationToken)
    {
        var payloads = batch.Select(e => new ReadingPayloadIn(e.ApplicationMessage.Payload.ToArray(), "mqtt:" + e.ApplicationMessage.Topic)).ToList();
        IReadOnlyList<ReadingPayloadOutcome> outcomes;
        try
        {
            outcomes = await pipeline.StoreAsync(payloads, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not acknowledged: reconnecting makes the broker deliver the whole batch again.
            ReadingLog.BatchFailed(logger, batch.Count, e);
            throw;
        }

        var limited = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var outcome = outcomes[i];
            limited += outcome.RateLimited;
            if (outcome.PayloadError is { } whole)
            {
                // A payload that cannot be read will not be readable when delivered again: acknowledged, and said so.
                ReadingLog.Rejected(logger, batch[i].ApplicationMessage.Topic, whole.ToString());
            }
            else if (outcome.Issues.FirstOrDefault(x => x.Issue.Severity == Ingest.IssueSeverity.Error && x.Issue.Code != "reading.rate-limited") is { Issue: { } first })
            {
                ReadingLog.Rejected(logger, batch[i].ApplicationMessage.Topic, first.ToString());
            }
        }

        if (limited > 0)
        {
            ReadingLog.RateLimited(logger, limited, limiter.Refused);
        }

        foreach (var message in batch)
        {
            await message.AcknowledgeAsync(cancellationToken);
        }

        Interlocked.Add(ref acknowledged, batch.Count);
    }
}
