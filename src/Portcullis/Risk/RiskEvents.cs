using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>A rule profile version became active (the previous version of its name retired).</summary>
public sealed record ProfileActivated(Guid Id, string Name, int Version) : IOutboxEvent
{
    public const string EventType = "risk.profile.activated";

    public string Type => EventType;
}

/// <summary>A model version became the one that scores.</summary>
public sealed record ModelActivated(Guid Id, int Version) : IOutboxEvent
{
    public const string EventType = "risk.model.activated";

    public string Type => EventType;
}

/// <summary>A party was put on or taken off the watch list.</summary>
public sealed record WatchListChanged(Guid PartyId, bool Watched) : IOutboxEvent
{
    public const string EventType = "risk.watch-list.changed";

    public string Type => EventType;
}

/// <summary>
/// Keeps every node's risk engine current: the engine holds profiles, model, watch list and the
/// history of outcomes and the sanctioned-goods rules in memory, so it is told to rebuild when any of them changed, wherever the
/// change was made (this node, another node, or a command on the database).
/// </summary>
public sealed class RiskStateInvalidation(RiskEngine engine) : IOutboxHandler
{
    private static readonly HashSet<string> Types = [ProfileActivated.EventType, ModelActivated.EventType, WatchListChanged.EventType, Inspection.InspectionClosed.EventType, Parties.SanctionedGoodsActivated.EventType];

    public bool Handles(string type) => Types.Contains(type);

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        engine.Invalidate();
        return Task.CompletedTask;
    }
}
