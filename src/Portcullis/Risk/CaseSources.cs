using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Csv;
using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>
/// Turns what Portcullis stores (or a labelled CSV read through a mapping) into the flat cases the
/// risk engine reads. Labels come from recorded control outcomes: only inspected cases carry one.
/// </summary>
public static class CaseSources
{
    /// <summary>
    /// Every consignment arriving before <paramref name="to"/> (all of them when null), in date
    /// order, with its parties, goods, containers, extra features and outcome.
    /// </summary>
    public static async Task<List<RiskCase>> LoadAsync(PortcullisDb db, DateTime? to, CancellationToken cancellationToken, IReadOnlyCollection<Guid>? only = null)
    {
        var end = to ?? DateTime.MaxValue;
        var consignmentQuery = db.Consignments.AsNoTracking().Where(c => c.RetractedAt == null && c.ArrivedAt < end);
        if (only is not null)
        {
            consignmentQuery = consignmentQuery.Where(c => only.Contains(c.Id));
        }

        var consignments = await consignmentQuery
            .Select(c => new
            {
                c.Id,
                c.HubCode,
                c.Kind,
                c.ArrivedAt,
                c.BookedAt,
                c.DepartedAt,
                c.OriginCountry,
                c.Route.PlaceOfReceipt,
                c.Route.PortOfLoading,
                c.Route.TransshipmentPorts,
                c.Route.PortOfDischarge,
                c.TotalGrossKg,
                c.TotalValueEur,
            })
            .ToListAsync(cancellationToken);
        var ids = only is null ? null : consignments.Select(c => c.Id).ToList();

        var parties = (await db.Set<ConsignmentParty>().AsNoTracking()
                .Where(p => ids == null || ids.Contains(p.ConsignmentId))
                .Select(p => new { p.ConsignmentId, p.Role, p.PartyId, p.Party!.Eori, p.Party.Name, p.Party.CountryCode, p.Party.Aeo, p.Party.FirstSeen })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.ConsignmentId);
        var watched = (await db.WatchList.AsNoTracking().Where(w => w.RemovedAt == null).Select(w => w.PartyId).ToListAsync(cancellationToken)).ToHashSet();
        var goods = (await db.GoodsLines.AsNoTracking()
                .Where(g => ids == null || ids.Contains(g.ConsignmentId))
                .Select(g => new { g.ConsignmentId, g.HsCode, g.Description, g.ValueEur, g.Packages })
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.ConsignmentId);
        var equipment = (await db.ConsignmentEquipment.AsNoTracking()
                .Where(e => ids == null || ids.Contains(e.ConsignmentId))
                .Select(e => new { e.ConsignmentId, e.ContainerNumber, e.Equipment!.Reefer, e.SealNumbers })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ConsignmentId);
        var outcomes = (await db.DeclarationOutcomes.AsNoTracking()
                .Where(o => o.Inspected && (ids == null || ids.Contains(o.ConsignmentId)))
                .ToListAsync(cancellationToken))
            .ToDictionary(o => o.ConsignmentId);
        var features = (await db.DeclarationFeatures.AsNoTracking()
                .Where(f => ids == null || ids.Contains(f.ConsignmentId))
                .ToListAsync(cancellationToken))
            .ToDictionary(f => f.ConsignmentId);
        // Scoring a few consignments reads their containers' seal changes and their own revisions only.
        var boxes = ids == null ? null : equipment.SelectMany(g => g).Select(e => e.ContainerNumber).Distinct().ToList();
        var sealEvents = (await db.ContainerEvents.AsNoTracking()
                .Where(e => e.Type == ContainerEventType.SealChanged && e.SealNumber != null)
                .Where(e => boxes == null || boxes.Contains(e.ContainerNumber))
                .Select(e => new { e.ContainerNumber, e.OccurredAt, e.SealNumber })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ContainerNumber, StringComparer.Ordinal);
        var reroutes = (await db.ConsignmentRevisions.AsNoTracking()
                .Where(r => r.EndedBy == "Replace" && (ids == null || ids.Contains(r.ConsignmentId)))
                .Select(r => new { r.ConsignmentId, r.EndedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.ConsignmentId);
        // The entity network as of each case's own day (links and hits known before it): extra numeric
        // columns a model can learn, explained in words ("1 hop from X, which had a hit known on …").
        var network = await Parties.CaseNetworkFeatures.LoadAsync(db, end, only, cancellationToken);
        var networkOptions = new Parties.Networks.NetworkOptions();

        var cases = new List<RiskCase>(consignments.Count);
        foreach (var c in consignments.OrderBy(c => c.ArrivedAt).ThenBy(c => c.Id))
        {
            var lines = goods[c.Id].ToList();
            var containers = equipment[c.Id].ToList();
            var declaredSeals = containers.SelectMany(e => e.SealNumbers).ToHashSet(StringComparer.Ordinal);
            var outcome = outcomes.GetValueOrDefault(c.Id);
            var extra = features.GetValueOrDefault(c.Id);
            var links = network.GetValueOrDefault(c.Id) ?? Parties.Networks.NetworkFeatures.None;
            var numeric = new Dictionary<string, double>(extra?.Numeric ?? [], StringComparer.Ordinal);
            foreach (var (name, value) in links.Columns(networkOptions))
            {
                numeric[name] = value;
            }

            cases.Add(new RiskCase
            {
                Id = c.Id.ToString(),
                Date = c.ArrivedAt,
                Hub = c.HubCode,
                Kind = c.Kind.ToString(),
                OriginCountry = c.OriginCountry,
                PlaceOfReceipt = c.PlaceOfReceipt ?? "",
                PortOfLoading = c.PortOfLoading,
                Transshipments = c.TransshipmentPorts,
                PortOfDischarge = c.PortOfDischarge,
                HsCode = lines.OrderByDescending(g => g.ValueEur).Select(g => Digits(g.HsCode)).FirstOrDefault() ?? "",
                HsCodes = [.. lines.Select(g => Digits(g.HsCode))],
                Description = string.Join(" | ", lines.Select(g => g.Description)),
                GrossKg = c.TotalGrossKg,
                ValueEur = c.TotalValueEur,
                Packages = lines.Sum(g => g.Packages),
                Reefer = containers.Any(e => e.Reefer),
                BookingToDepartureHours = c.DepartedAt is { } departed ? (departed - c.BookedAt).TotalHours : null,
                Parties = parties[c.Id]
                    .GroupBy(p => p.Role)
                    .ToDictionary(
                        g => RoleName(g.Key),
                        g => g.Select(p => new RiskParty(p.Eori ?? p.PartyId.ToString(), p.Name, p.CountryCode, AeoName(p.Aeo), p.FirstSeen, watched.Contains(p.PartyId))).First()),
                Containers = [.. containers.Select(e => e.ContainerNumber)],
                SealChanged = containers.Any(e => sealEvents[e.ContainerNumber].Any(s =>
                    s.OccurredAt >= c.BookedAt && s.OccurredAt <= c.ArrivedAt && !declaredSeals.Contains(s.SealNumber!))),
                RouteChangedAfterLoading = c.DepartedAt is { } left && reroutes[c.Id].Any(r => r.EndedAt > left),
                Categorical = extra?.Categorical ?? [],
                Numeric = numeric,
                NumericNotes = links.Notes(),
                NumericNotePhrases = links.NotePhrases(),
                Label = outcome is null ? null : new RiskLabel(outcome.Hit ?? false, outcome.KnownAt, outcome.SeizedKg, outcome.Revenue),
            });
        }

        return cases;
    }

    /// <summary>
    /// Reads a labelled CSV through its mapping straight into cases, without storing anything. A row
    /// the mapping rejects (a label that is not 0/1/empty, a date that does not parse) stops the read
    /// with that row's issue: evaluating on silently dropped rows would mislead.
    /// </summary>
    public static IEnumerable<RiskCase> FromCsv(Stream csv, CsvMapping mapping, CancellationToken cancellationToken)
    {
        foreach (var row in CsvDeclarationReader.Read(csv, mapping, cancellationToken))
        {
            if (row.Declaration is not { } d)
            {
                throw new IngestRejectedException(row.Issue!);
            }

            yield return FromRecord(d.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Consignment, d.Categorical, d.Numeric, d.Outcome);
        }
    }

    /// <summary>A case from a record as readers produce it (CSV, or an API payload), with parties keyed by EORI or name.</summary>
    public static RiskCase FromRecord(string id, ConsignmentRecord c, IReadOnlyDictionary<string, string> categorical, IReadOnlyDictionary<string, double> numeric, OutcomeRecord? outcome)
    {
        var date = c.ArrivedAt ?? c.DepartedAt ?? c.BookedAt ?? throw new InvalidOperationException($"Case {id} has no date.");
        var top = c.Goods.OrderByDescending(g => g.ValueEur ?? 0).FirstOrDefault();
        return new RiskCase
        {
            Id = id,
            Date = date,
            Hub = c.HubCode ?? "",
            Kind = c.Kind.ToString(),
            OriginCountry = c.OriginCountry ?? "",
            PlaceOfReceipt = c.Route.PlaceOfReceipt ?? "",
            PortOfLoading = c.Route.PortOfLoading ?? "",
            Transshipments = c.Route.TransshipmentPorts,
            PortOfDischarge = c.Route.PortOfDischarge ?? "",
            HsCode = Digits(top?.HsCode),
            HsCodes = [.. c.Goods.Select(g => Digits(g.HsCode))],
            Description = string.Join(" | ", c.Goods.Select(g => g.Description)),
            GrossKg = c.Goods.Sum(g => g.GrossKg ?? 0),
            ValueEur = c.Goods.Sum(g => g.ValueEur ?? 0),
            Packages = c.Goods.Sum(g => g.Packages),
            Reefer = c.Equipment.Any(e => e.Reefer),
            BookingToDepartureHours = c.BookedAt is { } booked && c.DepartedAt is { } departed ? (departed - booked).TotalHours : null,
            Parties = c.Parties.GroupBy(p => p.Role).ToDictionary(
                g => RoleName(g.Key),
                g => g.Select(p => new RiskParty(p.Eori ?? p.Name, p.Name, p.CountryCode ?? "", p.Aeo is { } aeo ? AeoName(aeo) : "")).First()),
            Containers = [.. c.Equipment.Select(e => e.ContainerNumber)],
            Categorical = categorical,
            Numeric = numeric,
            Label = outcome is { Inspected: true } o ? new RiskLabel(o.Hit ?? false, date, o.SeizedKg, o.Revenue) : null,
        };
    }

    public static string RoleName(PartyRole role) => role switch
    {
        PartyRole.Consignor => "consignor",
        PartyRole.Consignee => "consignee",
        PartyRole.Notify => "notify",
        PartyRole.Forwarder => "forwarder",
        PartyRole.Declarant => "declarant",
        _ => role.ToString().ToLowerInvariant(),
    };

    private static string AeoName(AeoStatus aeo) => aeo.ToString().ToUpperInvariant();

    private static string Digits(string? hs) => hs is null ? "" : new string([.. hs.Where(char.IsAsciiDigit)]);
}
