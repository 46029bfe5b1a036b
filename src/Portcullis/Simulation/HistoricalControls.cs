using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Risk;
using Portcullis.Simulator;

namespace Portcullis.Simulation;

/// <summary>
/// The controls customs made before Portcullis, so that the risk model has outcomes to learn from:
/// each day a small uniform random sample plus a "legacy profile" sample (cargo from the usual
/// source countries, highest value per kg first: how a manual desk picks). Selection is biased the
/// way real history is. An inspection reveals the ground truth of that consignment only; the
/// outcome becomes known two days after arrival.
/// </summary>
public static class HistoricalControls
{
    /// <summary>Share of each day's consignments inspected at random.</summary>
    public const double RandomShare = 0.02;

    /// <summary>Share of each day's consignments inspected by the legacy profile.</summary>
    public const double ProfileShare = 0.03;

    private static readonly HashSet<string> LegacySourceCountries = new(StringComparer.Ordinal) { "CO", "EC", "PE", "BO", "BR", "CR", "PA", "DO", "VE", "SR", "GY", "MX" };

    public sealed record Control(Guid ConsignmentId, bool Hit, double? SeizedKg, DateTime KnownAt);

    /// <summary>Which of this day's consignments were controlled, and what each control found. Deterministic per seed and day.</summary>
    public static IReadOnlyList<Control> Pick(SimulatedDay day, int seed)
    {
        var random = new Random(HashCode.Combine(seed, day.Date.DayNumber));
        var truth = day.GroundTruth.GroupBy(g => g.ConsignmentId).ToDictionary(g => g.Key, g => g.Sum(c => c.Kilograms));
        var candidates = day.Consignments.Where(c => c.Kind != ConsignmentKind.PostalItem).ToList();
        var chosen = new HashSet<Guid>();
        foreach (var c in candidates)
        {
            if (random.NextDouble() < RandomShare)
            {
                chosen.Add(c.Id);
            }
        }

        var profileCount = (int)Math.Round(candidates.Count * ProfileShare);
        foreach (var c in candidates
            .Where(c => LegacySourceCountries.Contains(c.OriginCountry) && !chosen.Contains(c.Id))
            .OrderByDescending(c => c.TotalGrossKg > 0 ? c.TotalValueEur / c.TotalGrossKg : 0)
            .ThenBy(c => c.Id)
            .Take(profileCount))
        {
            chosen.Add(c.Id);
        }

        return [.. candidates.Where(c => chosen.Contains(c.Id)).Select(c => new Control(
            c.Id,
            truth.ContainsKey(c.Id),
            truth.TryGetValue(c.Id, out var kg) ? kg : null,
            c.ArrivedAt.AddDays(2)))];
    }

    /// <summary>Stored outcomes for controls, against the stored consignment ids; one receipt records where they came from.</summary>
    public static (IngestReceipt Receipt, List<DeclarationOutcome> Outcomes) ToOutcomes(IReadOnlyList<Control> controls, Func<Guid, Guid?> storedId, DateTime now)
    {
        var receipt = new IngestReceipt
        {
            Id = Guid.CreateVersion7(),
            Format = IngestFormat.Simulation,
            Channel = "simulator",
            SubmittedBy = "simulator",
            FileName = "historical controls",
            ReceivedAt = now,
            Sha256 = "",
            Status = ReceiptStatus.Accepted,
        };
        var outcomes = new List<DeclarationOutcome>();
        foreach (var control in controls)
        {
            if (storedId(control.ConsignmentId) is not { } id)
            {
                continue;
            }

            outcomes.Add(new DeclarationOutcome
            {
                ConsignmentId = id,
                Inspected = true,
                Hit = control.Hit,
                SeizedKg = control.SeizedKg,
                KnownAt = control.KnownAt,
                ReceiptId = receipt.Id,
            });
        }

        receipt.Accepted = outcomes.Count;
        receipt.Lines = [new ReceiptLine("control outcome", outcomes.Count, 0, 0)];
        return (receipt, outcomes);
    }
}
