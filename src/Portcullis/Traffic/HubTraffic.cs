using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Hubs;
using Portcullis.Storage;

namespace Portcullis.Traffic;

/// <summary>Traffic of one hub on one day, as the home page and the API show it.</summary>
public sealed record HubDay(string HubCode, string HubName, string Kind, DateOnly Date, int Consignments, int Containers, int ContainerMoves, double GrossTonnes, IReadOnlyDictionary<string, int> ByKind);

/// <summary>Consignments per hub for each day of a range; <see cref="HubSeries.Consignments"/> has one value per entry of <see cref="Days"/>.</summary>
public sealed record HubTrend(IReadOnlyList<DateOnly> Days, IReadOnlyList<HubSeries> Hubs);

public sealed record HubSeries(string HubCode, string HubName, IReadOnlyList<int> Consignments);

public sealed record HubInfo(string Code, string Name, string Kind, IReadOnlyList<HubLocationInfo> Locations);

public sealed record HubLocationInfo(string UnLocode, string Name, double Latitude, double Longitude);

/// <summary>Counts per hub and day. Counts only: no consignment details, so every customs role may see them for its hubs.</summary>
public sealed class HubTraffic(PortcullisDb db, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<HubDay>> ForDayAsync(DateOnly date, Func<string, bool> canSeeHub, CancellationToken cancellationToken)
    {
        var from = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = from.AddDays(1);

        var consignments = await db.Consignments.AsNoTracking()
            .Where(c => c.ArrivedAt >= from && c.ArrivedAt < to)
            .GroupBy(c => new { c.HubCode, c.Kind })
            .Select(g => new { g.Key.HubCode, g.Key.Kind, Count = g.Count(), Kg = g.Sum(c => c.TotalGrossKg) })
            .ToListAsync(cancellationToken);

        var containers = await db.ConsignmentEquipment.AsNoTracking()
            .Join(db.Consignments.Where(c => c.ArrivedAt >= from && c.ArrivedAt < to), e => e.ConsignmentId, c => c.Id, (e, c) => new { c.HubCode, e.ContainerNumber })
            .GroupBy(x => x.HubCode)
            .Select(g => new { HubCode = g.Key, Count = g.Select(x => x.ContainerNumber).Distinct().Count() })
            .ToListAsync(cancellationToken);

        var moves = await db.ContainerEvents.AsNoTracking()
            .Where(e => e.OccurredAt >= from && e.OccurredAt < to)
            .GroupBy(e => e.UnLocode)
            .Select(g => new { UnLocode = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var result = new List<HubDay>();
        foreach (var hub in HubCatalogue.All.Where(h => canSeeHub(h.Code)))
        {
            var mine = consignments.Where(c => c.HubCode == hub.Code).ToList();
            var hubMoves = moves.Where(m => SeaportHubOf(m.UnLocode) == hub.Code).Sum(m => m.Count);
            result.Add(new HubDay(
                hub.Code,
                hub.Name,
                hub.Kind.ToString(),
                date,
                mine.Sum(c => c.Count),
                containers.FirstOrDefault(c => c.HubCode == hub.Code)?.Count ?? 0,
                hubMoves,
                Math.Round(mine.Sum(c => c.Kg) / 1000.0, 1),
                mine.ToDictionary(c => c.Kind.ToString(), c => c.Count)));
        }

        return result;
    }

    /// <summary>Consignments per visible hub and day from <paramref name="first"/> to <paramref name="last"/> inclusive; days without traffic count 0.</summary>
    public async Task<HubTrend> ConsignmentsPerDayAsync(DateOnly first, DateOnly last, Func<string, bool> canSeeHub, CancellationToken cancellationToken)
    {
        var hubs = HubCatalogue.All.Where(h => canSeeHub(h.Code)).ToList();
        var codes = hubs.Select(h => h.Code).ToList();
        var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // One grouped query for the whole range: a query per day would cost a round trip per bar.
        var counts = await db.Consignments.AsNoTracking()
            .Where(c => c.ArrivedAt >= from && c.ArrivedAt < to && codes.Contains(c.HubCode))
            .GroupBy(c => new { c.HubCode, c.ArrivedAt.Date })
            .Select(g => new { g.Key.HubCode, g.Key.Date, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var days = new List<DateOnly>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(day);
        }

        var byHubAndDay = counts.ToDictionary(c => (c.HubCode, DateOnly.FromDateTime(c.Date)), c => c.Count);
        return new HubTrend(days, [.. hubs.Select(h => new HubSeries(h.Code, h.Name, [.. days.Select(d => byHubAndDay.GetValueOrDefault((h.Code, d)))]))]);
    }

    // Container moves happen at seaports; Amsterdam's code is shared with Schiphol and the mail centre.
    private static string? SeaportHubOf(string unLocode) =>
        HubCatalogue.All.FirstOrDefault(h => h.Kind == HubKind.Seaport && h.Locations.Any(l => l.UnLocode == unLocode))?.Code;
}
