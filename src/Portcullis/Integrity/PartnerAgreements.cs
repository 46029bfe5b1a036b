using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Portcullis.Integrity.Alarms;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// A carrier or terminal that is told about alarms on its own containers (section
/// "Integrity:Agreements", none by default). A carrier's containers are those of consignments on its
/// movements (<see cref="Carrier"/>, e.g. its SCAC); a terminal's, those with an event at its
/// <see cref="Facility"/>. The channel is a webhook (HMAC-SHA256 signature header) or an MQTT topic.
/// </summary>
public sealed record PartnerAgreement
{
    /// <summary>The partner's name, for logs and the audit.</summary>
    public string Organisation { get; init; } = "";

    /// <summary>The carrier code on the movements (SCAC); set for a carrier.</summary>
    public string? Carrier { get; init; }

    /// <summary>The terminal's facility code on container events; set for a terminal.</summary>
    public string? Facility { get; init; }

    /// <summary>Where alarms are POSTed as JSON.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>The shared secret of the signature header <c>X-Portcullis-Signature: sha256=HEX</c> over "{timestamp}.{body}".</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>The MQTT topic the alarm is published to, through <see cref="IPartnerAlarmPublisher"/>.</summary>
    public string? MqttTopic { get; init; }
}

/// <summary>What a partner receives: kind, container, time and a neutral sentence; never the selection, score or the reason's text.</summary>
public sealed record PartnerAlarm(Guid Id, string Kind, string ContainerNumber, DateTime OccurredAt, string Text);

/// <summary>The MQTT seam: the sensors capability's MQTT client implements it; without one, MQTT agreements log and skip.</summary>
public interface IPartnerAlarmPublisher
{
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

/// <summary>
/// Tells partners with an agreement about alarms on their containers. Every node dispatches every
/// outbox row, so only the node that wrote the row delivers it (its origin). Only the kinds a
/// partner may know are shared: seals, sensors, zones and the release at the gate; never an alarm
/// of a selected container or a secure-lane order, which would reveal the selection.
/// </summary>
public sealed class PartnerAlarmHandler(Database database, IntegrityOptions options, PartnerDelivery delivery, TimeProvider clock) : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlySet<AlarmKind> Shared = new HashSet<AlarmKind>
    {
        AlarmKind.DoorOpenedOutsideZone, AlarmKind.SealMismatch, AlarmKind.SealTampered, AlarmKind.UnplannedStop,
        AlarmKind.ReeferTampering, AlarmKind.GoneQuiet, AlarmKind.YardRevisit, AlarmKind.ReleaseMissing,
    };

    public bool Handles(string type) => type == AlarmRaised.EventType && options.Agreements.Count > 0;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Origin != NodeIdentity.Current || JsonSerializer.Deserialize<AlarmRaised>(message.Payload, Json) is not { SelectionId: null } raised)
        {
            return;
        }

        await using var db = database.CreateContext();
        var alarm = await db.IntegrityAlarms.AsNoTracking().SingleOrDefaultAsync(a => a.Id == raised.AlarmId, cancellationToken);
        if (alarm is null || alarm.SelectionId is not null || !Shared.Contains(alarm.Kind))
        {
            return;
        }

        var carriers = await db.ConsignmentEquipment.AsNoTracking().Where(e => e.ContainerNumber == alarm.ContainerNumber)
            .Join(db.Consignments, e => e.ConsignmentId, c => c.Id, (e, c) => c.MovementId)
            .Join(db.Movements, id => id, m => m.Id, (id, m) => m.Carrier)
            .Distinct().ToListAsync(cancellationToken);
        var facilities = await db.ContainerEvents.AsNoTracking().Where(e => e.ContainerNumber == alarm.ContainerNumber && e.Facility != null)
            .Select(e => e.Facility!).Distinct().ToListAsync(cancellationToken);
        var text = NeutralText(alarm.Kind, alarm.ContainerNumber);
        var payload = new PartnerAlarm(alarm.Id, alarm.Kind.ToString(), alarm.ContainerNumber, alarm.EventAt ?? alarm.RaisedAt, text);
        var partners = options.Agreements.Where(a => Covers(a, carriers, facilities)).ToList();
        foreach (var agreement in partners)
        {
            // Who learned of an alarm, and when, is in the audit like every other sharing.
            Audit.AuditLog.Record(db, clock, PartnerDelivery.Actor, null, "alarm.share", $"container {alarm.ContainerNumber}", $"{alarm.Kind} {alarm.Id} to {agreement.Organisation}");
            delivery.Enqueue(agreement, payload);
        }

        if (partners.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public static bool Covers(PartnerAgreement agreement, IReadOnlyCollection<string> carriers, IReadOnlyCollection<string> facilities) =>
        (agreement.Carrier is { Length: > 0 } carrier && carriers.Contains(carrier, StringComparer.OrdinalIgnoreCase))
        || (agreement.Facility is { Length: > 0 } facility && facilities.Contains(facility, StringComparer.OrdinalIgnoreCase));

    /// <summary>One sentence per kind that says what to look at, and nothing of why customs cares.</summary>
    public static string NeutralText(AlarmKind kind, string container) => kind switch
    {
        AlarmKind.DoorOpenedOutsideZone => $"Container {container}: doors reported open outside an authorised zone.",
        AlarmKind.SealMismatch => $"Container {container}: the seal number seen differs from the manifest.",
        AlarmKind.SealTampered => $"Container {container}: the electronic seal reported tampering.",
        AlarmKind.UnplannedStop => $"Container {container}: an unplanned stop or a long dwell was reported.",
        AlarmKind.ReeferTampering => $"Container {container}: the reefer unit was opened or its set point changed.",
        AlarmKind.GoneQuiet => $"Container {container}: no reading or event for longer than usual.",
        AlarmKind.YardRevisit => $"Container {container}: a yard position was visited twice with a door event between.",
        AlarmKind.ReleaseMissing => $"Container {container}: gated out without a verified release token.",
        _ => $"Container {container}: an integrity alarm was raised.",
    };

    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Delivers partner alarms in the background with retries (1, 2, 4, 8, 16 s by default), so a slow or
/// failing partner never holds up the request or pass that raised the alarm. A delivery still
/// queued when the process stops is lost; the partner's receipt is idempotent by alarm id.
/// </summary>
public sealed class PartnerDelivery(IHttpClientFactory http, TimeProvider clock, ILogger<PartnerDelivery> logger, IEnumerable<IPartnerAlarmPublisher> publishers) : BackgroundService
{
    public const string ClientName = "integrity-partners";

    public const string Actor = "system:partners";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<(PartnerAgreement Agreement, PartnerAlarm Alarm)> _queue = Channel.CreateUnbounded<(PartnerAgreement, PartnerAlarm)>();

    /// <summary>The waits between attempts; tests shorten them.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } = [.. new[] { 1, 2, 4, 8, 16 }.Select(s => TimeSpan.FromSeconds(s))];

    public void Enqueue(PartnerAgreement agreement, PartnerAlarm alarm) => _queue.Writer.TryWrite((agreement, alarm));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (agreement, alarm) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Each delivery retries on its own, so one partner that is down does not delay the others.
            _ = Task.Run(() => DeliverAsync(agreement, alarm, stoppingToken), stoppingToken);
        }
    }

    public async Task<bool> DeliverAsync(PartnerAgreement agreement, PartnerAlarm alarm, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(alarm, Json);
        var kind = Enum.Parse<AlarmKind>(alarm.Kind);
        if (agreement.MqttTopic is { Length: > 0 } topic)
        {
            if (publishers.FirstOrDefault() is { } publisher)
            {
                await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes(body), cancellationToken);
            }
            else
            {
                AlarmLog.NoMqttPublisher(logger, agreement.Organisation, alarm.ContainerNumber);
            }
        }

        if (agreement.WebhookUrl is not { Length: > 0 } url)
        {
            return true;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                var timestamp = PartnerAlarmHandler.Timestamp(clock.GetUtcNow());
                request.Headers.Add("X-Portcullis-Timestamp", timestamp);
                request.Headers.Add("X-Portcullis-Signature", PartnerAlarmHandler.Signature(agreement.WebhookSecret ?? "", timestamp, body));
                request.Headers.Add("X-Portcullis-Delivery", alarm.Id.ToString());
                using var response = await http.CreateClient(ClientName).SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Down or unreachable: retried like a refusal.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The client's timeout: retried.
            }

            if (attempt > RetryDelays.Count)
            {
                AlarmLog.DeliveryFailed(logger, kind, alarm.ContainerNumber, agreement.Organisation, attempt);
                return false;
            }

            AlarmLog.DeliveryRetry(logger, kind, alarm.ContainerNumber, agreement.Organisation, attempt, RetryDelays[attempt - 1]);
            await Task.Delay(RetryDelays[attempt - 1], clock, cancellationToken);
        }
    }
}
