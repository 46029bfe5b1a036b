using Portcullis.Domain.Cargo;
using Portcullis.Risk;
using Portcullis.Simulator;

namespace Portcullis.Tests.Risk.Model;

/// <summary>
/// Simulated days as risk cases: parties by role keyed by EORI (else party id), the HS code of the
/// highest-value line, FirstSeen from the party register, and a random ~20 % of each day "inspected"
/// (outcome known two days later; hit = in the ground truth, seized kg from it).
/// </summary>
internal static class SimulatorCases
{
    public static List<RiskCase> From(IReadOnlyList<SimulatedDay> days, int seed, double inspectedShare = 0.2)
    {
        var random = new Random(seed);
        var parties = new Dictionary<Guid, Party>();
        var cases = new List<RiskCase>();
        foreach (var day in days)
        {
            foreach (var p in day.NewParties)
            {
                parties[p.Id] = p;
            }

            var truth = day.GroundTruth.ToDictionary(g => g.ConsignmentId);
            var resealed = day.Events.Where(e => e.Type == ContainerEventType.SealChanged).Select(e => e.ContainerNumber).ToHashSet(StringComparer.Ordinal);
            foreach (var c in day.Consignments.OrderBy(c => c.ArrivedAt).ThenBy(c => c.Reference, StringComparer.Ordinal))
            {
                var top = c.Goods.OrderByDescending(g => g.ValueEur).FirstOrDefault();
                var date = DateTime.SpecifyKind(c.ArrivedAt, DateTimeKind.Utc);
                var inspected = random.NextDouble() < inspectedShare;
                truth.TryGetValue(c.Id, out var smuggling);
                cases.Add(new RiskCase
                {
                    Id = c.Id.ToString(),
                    Date = date,
                    Hub = c.HubCode,
                    Kind = c.Kind.ToString(),
                    OriginCountry = c.OriginCountry,
                    PlaceOfReceipt = c.Route.PlaceOfReceipt ?? "",
                    PortOfLoading = c.Route.PortOfLoading,
                    Transshipments = c.Route.TransshipmentPorts,
                    PortOfDischarge = c.Route.PortOfDischarge,
                    HsCode = top?.HsCode ?? "",
                    HsCodes = [.. c.Goods.Select(g => g.HsCode)],
                    Description = string.Join(" | ", c.Goods.Select(g => g.Description)),
                    GrossKg = c.TotalGrossKg,
                    ValueEur = c.TotalValueEur,
                    Packages = c.Goods.Sum(g => g.Packages),
                    Reefer = c.Equipment.Any(e => e.Equipment?.Reefer == true || e.ReeferSetpointC is not null),
                    BookingToDepartureHours = c.DepartedAt is { } d ? (d - c.BookedAt).TotalHours : null,
                    Parties = c.Parties.Where(p => parties.ContainsKey(p.PartyId)).GroupBy(p => p.Role).ToDictionary(
                        g => g.Key.ToString().ToLowerInvariant(),
                        g => Party(parties[g.First().PartyId])),
                    Containers = [.. c.Equipment.Select(e => e.ContainerNumber)],
                    SealChanged = c.Equipment.Any(e => resealed.Contains(e.ContainerNumber)),
                    Label = inspected ? new RiskLabel(smuggling is not null, date.AddDays(2), smuggling?.Kilograms ?? 0) : null,
                });
            }
        }

        return [.. cases.OrderBy(c => c.Date)];
    }

    private static RiskParty Party(Party p) =>
        new(p.Eori ?? p.Id.ToString(), p.Name, p.CountryCode, p.Aeo.ToString(), DateTime.SpecifyKind(p.FirstSeen, DateTimeKind.Utc));
}
