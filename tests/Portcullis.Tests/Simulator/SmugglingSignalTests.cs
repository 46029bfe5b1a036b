using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;
using Portcullis.Simulator;

namespace Portcullis.Tests.Simulator;

/// <summary>
/// The ground truth must be learnable but not trivial: signals lift the hit rate, none covers
/// (nearly) every case, and the mix drifts over a month.
/// </summary>
public sealed class SmugglingSignalTests(SimulatorRuns runs)
{
    private static readonly HashSet<string> LatinAmerica = new(StringComparer.Ordinal) { "EC", "CO", "PE", "CL", "PA", "CR", "BR", "UY", "PY", "AR", "DO", "JM", "GT", "HN" };

    [Fact]
    public void Smuggling_share_is_within_its_band()
    {
        var rows = Rows();
        var latinSea = rows.Where(r => r.Consignment.Kind == ConsignmentKind.SeaContainer && LatinAmerica.Contains(r.Consignment.OriginCountry)).ToList();
        var latinRate = latinSea.Count(r => r.Hit) / (double)latinSea.Count;
        Assert.InRange(latinRate, 0.003, 0.012);

        var otherSea = rows.Where(r => r.Consignment.Kind == ConsignmentKind.SeaContainer && !LatinAmerica.Contains(r.Consignment.OriginCountry)).ToList();
        Assert.InRange(otherSea.Count(r => r.Hit) / (double)otherSea.Count, 0, latinRate / 5);

        var post = rows.Where(r => r.Consignment.Kind == ConsignmentKind.PostalItem).ToList();
        Assert.InRange(post.Count(r => r.Hit) / (double)post.Count, 0.001, 0.006);
        Assert.Contains(rows, r => r.Hit && r.Consignment.Kind == ConsignmentKind.AirCargo);
    }

    [Fact]
    public void Signals_lift_the_hit_rate_but_none_covers_all_cases()
    {
        var sea = Rows().Where(r => r.Consignment.Kind == ConsignmentKind.SeaContainer).ToList();
        var overall = sea.Count(r => r.Hit) / (double)sea.Count;
        var hits = sea.Where(r => r.Hit).ToList();
        Assert.True(hits.Count > 50, $"only {hits.Count} sea cases");

        var signals = new (string Name, Func<Row, bool> Shows, double MinLift)[]
        {
            ("new consignee", r => r.NewConsignee, 3),
            ("late booking", r => r.LateBooking, 3),
            ("seal anomaly", r => r.SealAnomaly, 10),
            ("transshipment", r => r.Transshipped, 1.5),
        };
        foreach (var (name, shows, minLift) in signals)
        {
            var flagged = sea.Where(shows).ToList();
            var lift = flagged.Count(r => r.Hit) / (double)flagged.Count / overall;
            var coverage = hits.Count(shows) / (double)hits.Count;
            Assert.True(lift >= minLift, $"{name}: lift {lift:F1} below {minLift}");
            Assert.True(coverage <= 0.8, $"{name} covers {coverage:P0} of cases");
            Assert.True(coverage >= 0.1, $"{name} covers only {coverage:P0} of cases");
            Assert.True(flagged.Count(r => !r.Hit) > flagged.Count(r => r.Hit), $"{name} flags more smugglers than honest traders");
        }
    }

    [Fact]
    public void The_pattern_mix_drifts_over_the_month()
    {
        var early = Cases(0, 7);
        var late = Cases(21, 28);
        var patterns = early.Concat(late).Select(c => c.Case.Pattern).Distinct(StringComparer.Ordinal).ToList();
        var distance = patterns.Sum(p => Math.Abs(Share(early, c => c.Case.Pattern == p) - Share(late, c => c.Case.Pattern == p))) / 2;
        Assert.True(distance > 0.08, $"pattern mix moved only {distance:P0}");

        // Waterbed: rip-on/rip-off moves from Rotterdam to Vlissingen.
        static bool RipOn((SmugglingCase Case, Consignment Consignment) c) => c.Case.Pattern == "ripon-fruit-ec-pa";
        var earlyVlissingen = Share(early.Where(RipOn).ToList(), c => c.Consignment.HubCode == HubCatalogue.ZeelandWestBrabant);
        var lateVlissingen = Share(late.Where(RipOn).ToList(), c => c.Consignment.HubCode == HubCatalogue.ZeelandWestBrabant);
        Assert.True(lateVlissingen > earlyVlissingen + 0.25, $"Vlissingen share of rip-on went {earlyVlissingen:P0} → {lateVlissingen:P0}");

        // Lane shift: Costa Rica takes over from Ecuador in the fruit patterns.
        static bool Fruit((SmugglingCase Case, Consignment Consignment) c) => c.Case.Pattern is "ripon-fruit-ec-pa" or "front-consignee-fruit";
        var earlyCostaRica = Share(early.Where(Fruit).ToList(), c => c.Consignment.OriginCountry == "CR");
        var lateCostaRica = Share(late.Where(Fruit).ToList(), c => c.Consignment.OriginCountry == "CR");
        Assert.True(lateCostaRica > earlyCostaRica + 0.15, $"Costa Rica share went {earlyCostaRica:P0} → {lateCostaRica:P0}");
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? 0 : items.Count(predicate) / (double)items.Count;

    private List<(SmugglingCase Case, Consignment Consignment)> Cases(int fromDay, int toDay) =>
        [.. runs.Month.Skip(fromDay).Take(toDay - fromDay).SelectMany(d =>
        {
            var byId = d.Consignments.ToDictionary(c => c.Id);
            return d.GroundTruth.Select(g => (g, byId[g.ConsignmentId]));
        })];

    private List<Row> Rows()
    {
        var parties = new Dictionary<Guid, Party>();
        var rows = new List<Row>(200_000);
        foreach (var day in runs.Month)
        {
            foreach (var p in day.NewParties)
            {
                parties[p.Id] = p;
            }

            var hits = day.GroundTruth.Select(g => g.ConsignmentId).ToHashSet();
            var discharged = new Dictionary<string, string?>(StringComparer.Ordinal);
            var resealed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in day.Events)
            {
                if (e.Type == ContainerEventType.Discharge)
                {
                    discharged[e.ContainerNumber] = e.SealNumber;
                }
                else if (e.Type == ContainerEventType.SealChanged)
                {
                    resealed.Add(e.ContainerNumber);
                }
            }

            foreach (var c in day.Consignments)
            {
                var consignee = parties[c.Parties.First(p => p.Role == PartyRole.Consignee).PartyId];
                var sealAnomaly = c.Equipment.Any(e => resealed.Contains(e.ContainerNumber)
                    || (discharged.TryGetValue(e.ContainerNumber, out var seal) && seal != e.SealNumbers[0]));
                rows.Add(new Row(
                    c,
                    hits.Contains(c.Id),
                    NewConsignee: consignee.FirstSeen > c.ArrivedAt.AddDays(-30),
                    LateBooking: c.DepartedAt is { } departed && departed - c.BookedAt < TimeSpan.FromHours(48),
                    SealAnomaly: sealAnomaly,
                    Transshipped: c.Route.TransshipmentPorts.Count > 0));
            }
        }

        return rows;
    }

    private sealed record Row(Consignment Consignment, bool Hit, bool NewConsignee, bool LateBooking, bool SealAnomaly, bool Transshipped);
}
