using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>Everything produced for one day, collected in generation order.</summary>
internal sealed class DayContext(DateOnly date, int index, double scale)
{
    public DateOnly Date { get; } = date;

    /// <summary>Days since the first simulated day; drives pattern drift.</summary>
    public int Index { get; } = index;

    public DateTime Start { get; } = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime End => Start.AddDays(1);

    public List<Party> NewParties { get; } = new((int)(12_000 * scale) + 64);

    public List<Equipment> NewEquipment { get; } = new((int)(20_000 * scale) + 64);

    public List<TransportMovement> Movements { get; } = new((int)(1_600 * scale) + 64);

    public List<Consignment> Consignments { get; } = new((int)(33_000 * scale) + 64);

    public List<ContainerEvent> Events { get; } = new((int)(48_000 * scale) + 64);

    public List<SmugglingCase> GroundTruth { get; } = new(64);

    public List<PartyTruth> PartyTruth { get; } = new(64);

    /// <summary>Uses a party on a document; the first use in the run emits it.</summary>
    public Guid Use(PoolParty party)
    {
        if (!party.Emitted)
        {
            party.Emitted = true;
            NewParties.Add(party.Party);
            if (party.Organisation is { } organisation)
            {
                PartyTruth.Add(new PartyTruth(party.Id, "organisation:" + organisation, organisation));
            }
            else if (party.AliasOf is { } original)
            {
                PartyTruth.Add(new PartyTruth(party.Id, "party:" + original.Id.ToString("N"), null));
            }
        }

        return party.Id;
    }

    /// <summary>Records that a consignment carries the plan's drugs, apart from the cargo data.</summary>
    public void RecordSmuggling(Consignment consignment, SmugglingPlan plan, string? containerNumber = null) =>
        GroundTruth.Add(new SmugglingCase
        {
            ConsignmentId = consignment.Id,
            ContainerNumber = containerNumber,
            Substance = plan.Pattern.Substance,
            Concealment = plan.Concealment,
            Kilograms = plan.Kilograms,
            Pattern = plan.Pattern.Name,
        });

    /// <summary>The day as partners sent it by <paramref name="now"/> (null: the whole day).</summary>
    public SimulatedDay ToSimulatedDay(DateTime? now = null)
    {
        // Partners send events in time order; the sort also hides which generator produced them.
        Events.Sort(static (a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        if (now is { } cut && End > cut)
        {
            // What happens after now has not happened: no event, no postal acceptance (and so no truth about that item yet).
            Events.RemoveAll(e => e.OccurredAt > cut);
            var withheld = Consignments.Where(c => c.Kind == ConsignmentKind.PostalItem && c.ArrivedAt > cut).Select(c => c.Id).ToHashSet();
            Consignments.RemoveAll(c => withheld.Contains(c.Id));
            GroundTruth.RemoveAll(g => withheld.Contains(g.ConsignmentId));
        }

        return new SimulatedDay(Date, NewParties, NewEquipment, Movements, Consignments, Events, GroundTruth) { PartyTruth = PartyTruth };
    }
}
