using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Cargo;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;
using Portcullis.Domain.Standards;
using Portcullis.Risk;
using Portcullis.Storage;

namespace Portcullis.Ingest;

/// <summary>
/// Which hub handles cargo at a place. One UN/LOCODE can serve several hubs (Amsterdam is a
/// seaport, Schiphol and the mail centre), so the kind of consignment decides between them.
/// </summary>
public sealed class HubDirectory(IEnumerable<(string UnLocode, HubKind Kind, string HubCode)> locations)
{
    private readonly Dictionary<(string, HubKind), string> _byKind = locations
        .GroupBy(l => (l.UnLocode.ToUpperInvariant(), l.Kind))
        .ToDictionary(g => g.Key, g => g.OrderBy(l => l.HubCode, StringComparer.Ordinal).First().HubCode);

    public string? Find(string unLocode, ConsignmentKind kind)
    {
        var code = unLocode.ToUpperInvariant();
        if (_byKind.TryGetValue((code, KindOf(kind)), out var hub))
        {
            return hub;
        }

        // A seaport consignment declared at an inland place of a hub of another kind still belongs there.
        return _byKind.Where(e => e.Key.Item1 == code).OrderBy(e => e.Value, StringComparer.Ordinal).Select(e => e.Value).FirstOrDefault();
    }

    private static HubKind KindOf(ConsignmentKind kind) => kind switch
    {
        ConsignmentKind.AirCargo => HubKind.Airport,
        ConsignmentKind.RoadTruck => HubKind.FlowerAuction,
        ConsignmentKind.PostalItem => HubKind.Postal,
        _ => HubKind.Seaport,
    };
}

/// <summary>What happened to one consignment record.</summary>
public enum CargoOutcome
{
    Stored,
    Replaced,
    Retracted,
    Duplicate,
}

/// <summary>
/// Turns what readers produce into stored entities inside the caller's transaction: matches parties,
/// equipment and movements that are already known, derives the hub, stages new rows and writes
/// them in batches. Known keys are cached across transactions; what a transaction added is only
/// kept once it commits, so a rolled-back interchange leaves neither rows nor stale cache entries.
/// </summary>
public sealed class CargoWriter(PortcullisDb db, HubDirectory hubs, DateTime now)
{
    private const int BatchSize = 2_000;
    private static readonly JsonSerializerOptions SnapshotOptions = new(JsonSerializerDefaults.Web);

    private readonly Known _committed = new();
    private Known _pending = new();
    private bool _partiesLoaded;

    private readonly List<Party> _parties = [];
    private readonly List<Equipment> _equipment = [];
    private readonly List<TransportMovement> _movements = [];
    private readonly List<TransportCall> _calls = [];
    private readonly List<Consignment> _consignments = [];
    private readonly List<ConsignmentParty> _consignmentParties = [];
    private readonly List<GoodsLine> _goods = [];
    private readonly List<ConsignmentEquipment> _consignmentEquipment = [];
    private readonly List<ContainerEvent> _events = [];
    private readonly List<IngestKey> _keys = [];
    private readonly List<DeclarationFeatures> _features = [];
    private readonly List<DeclarationOutcome> _outcomes = [];

    public static async Task<HubDirectory> LoadHubLocationsAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        var hubs = await db.Hubs.AsNoTracking().Include(h => h.Locations).ToListAsync(cancellationToken);
        return new HubDirectory(hubs.SelectMany(h => h.Locations.Select(l => (l.UnLocode, h.Kind, h.Code))));
    }

    private readonly Dictionary<string, Guid?> _storedReferences = new(StringComparer.Ordinal);

    public int Staged => _consignments.Count + _events.Count + _goods.Count;

    /// <summary>
    /// Looks up in one query which of these references, containers and event ids are already
    /// stored, so that the per-record checks that follow cost no round trip.
    /// </summary>
    public async Task PrefetchAsync(IReadOnlyCollection<string> references, IReadOnlyCollection<string> containers, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        // One collection parameter per chunk (JSON on SQLite, an array on PostgreSQL): a query per
        // 500 expanded parameters cost more than reading the messages.
        foreach (var chunk in references.Where(r => !_storedReferences.ContainsKey(r)).Distinct().Chunk(LookupChunk))
        {
            foreach (var reference in chunk)
            {
                _storedReferences[reference] = null;
            }

            var found = await db.Consignments.AsNoTracking()
                .Where(c => EF.Parameter(chunk).Contains(c.Reference) && c.RetractedAt == null)
                .Select(c => new { c.Reference, c.Id })
                .ToListAsync(cancellationToken);
            foreach (var row in found)
            {
                _storedReferences[row.Reference] = row.Id;
            }
        }

        foreach (var chunk in containers.Where(c => !_committed.Equipment.Contains(c) && !_pending.Equipment.Contains(c) && !_absentEquipment.Contains(c)).Distinct().Chunk(LookupChunk))
        {
            var found = await db.Equipment.AsNoTracking().Where(e => EF.Parameter(chunk).Contains(e.ContainerNumber)).Select(e => e.ContainerNumber).ToListAsync(cancellationToken);
            _committed.Equipment.UnionWith(found);
            _absentEquipment.UnionWith(chunk.Except(found));
        }

        // One collection parameter per 50,000 ids (JSON on SQLite, an array on PostgreSQL): a query
        // per 500 expanded parameters cost more than parsing the events.
        foreach (var chunk in eventIds.Where(e => !_committed.EventIds.Contains(e) && !_pending.EventIds.Contains(e)).Distinct().Chunk(50_000))
        {
            var found = await db.ContainerEvents.AsNoTracking().Where(e => EF.Parameter(chunk).Contains(e.ExternalId!)).Select(e => e.ExternalId!).ToListAsync(cancellationToken);
            _committed.EventIds.UnionWith(found);
            _checkedEventIds.UnionWith(chunk);
        }
    }

    /// <summary>
    /// Looks up in one query which of these voyages are stored already, so that
    /// <see cref="MovementAsync"/> costs no round trip per message.
    /// </summary>
    public async Task PrefetchMovementsAsync(IReadOnlyCollection<MovementRecord?> movements, CancellationToken cancellationToken)
    {
        var wanted = movements.OfType<MovementRecord>()
            .Where(m => m.Reference.Length > 0)
            .Select(m => (m.Carrier, m.Reference))
            .Where(k => !_committed.Movements.ContainsKey(MovementKey(k.Carrier, k.Reference)) && !_pending.Movements.ContainsKey(MovementKey(k.Carrier, k.Reference)) && !_absentMovements.Contains(MovementKey(k.Carrier, k.Reference)))
            .Distinct()
            .ToList();
        foreach (var chunk in wanted.Chunk(LookupChunk))
        {
            var references = chunk.Select(k => k.Reference).Distinct().ToArray();
            var found = await db.Movements.AsNoTracking()
                .Where(m => EF.Parameter(references).Contains(m.Reference))
                .Select(m => new { m.Carrier, m.Reference, m.Id })
                .ToListAsync(cancellationToken);
            foreach (var row in found)
            {
                _committed.Movements.TryAdd(MovementKey(row.Carrier, row.Reference), row.Id);
            }

            foreach (var (carrier, reference) in chunk)
            {
                if (!_committed.Movements.ContainsKey(MovementKey(carrier, reference)))
                {
                    _absentMovements.Add(MovementKey(carrier, reference));
                }
            }
        }
    }

    private static string MovementKey(string carrier, string reference) => carrier + "|" + reference;

    private const int LookupChunk = 20_000;

    private readonly HashSet<string> _absentMovements = new(StringComparer.Ordinal);

    private readonly HashSet<string> _absentEquipment = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checkedEventIds = new(StringComparer.Ordinal);

    /// <summary>Call after the transaction commits: what it added is now known for good.</summary>
    public void Committed()
    {
        _committed.Merge(_pending);
        foreach (var (reference, id) in _pending.Consignments)
        {
            _storedReferences[reference] = id;
        }

        _pending = new Known();

        // What the database holds is only cached, so that a long file (2 GB of manifests) does not
        // grow memory with every consignment and container it stores: past a bound the caches start
        // again and the next prefetch fills them. The party register is kept whole (it grows with
        // distinct parties only, and a miss would mean a new party).
        if (_storedReferences.Count > CacheBound)
        {
            _storedReferences.Clear();
        }

        if (_committed.Equipment.Count + _absentEquipment.Count > CacheBound)
        {
            _committed.Equipment.Clear();
            _absentEquipment.Clear();
        }
    }

    /// <summary>How many stored references and containers the caches hold before they start again.</summary>
    internal int CacheBound { get; init; } = 200_000;

    /// <summary>Call after a rollback: forget what the transaction staged and added.</summary>
    public void RolledBack()
    {
        _pending = new Known();
        _storedReferences.Clear();
        _absentEquipment.Clear();
        _absentMovements.Clear();
        _checkedEventIds.Clear();
        foreach (var list in new System.Collections.IList[] { _parties, _equipment, _movements, _calls, _consignments, _consignmentParties, _goods, _consignmentEquipment, _events, _keys, _features, _outcomes })
        {
            list.Clear();
        }
    }

    /// <summary>
    /// Checks a whole manifest before anything of it is staged, so that a message is stored whole or
    /// not at all: every consignment must land in a known hub.
    /// </summary>
    public IngestIssue? Validate(IReadOnlyList<ConsignmentRecord> consignments, string? defaultHub = null)
    {
        foreach (var record in consignments)
        {
            if (HubOf(record, defaultHub) is null)
            {
                if (record.Direction == Direction.Export)
                {
                    var from = record.Route.PortOfLoading ?? record.Route.PlaceOfReceipt ?? "(none)";
                    return IngestIssue.Error(
                        "ingest.unknown-hub",
                        $"Consignment {record.Reference} leaves from {from}, which is not a location of any hub; declare the Dutch place of departure (NLAMS for the mail centre…) or send it to the customs office of that place.");
                }

                var port = record.Route.PortOfDischarge ?? "(none)";
                return IngestIssue.Error(
                    "ingest.unknown-hub",
                    $"Consignment {record.Reference} is discharged at {port}, which is not a location of any hub; declare a Dutch port of discharge (NLRTM, NLVLI, NLAMS…) or send it to the customs office of that port.");
            }
        }

        return null;
    }

    private string? HubOf(ConsignmentRecord record, string? defaultHub)
    {
        if (record.HubCode is { Length: > 0 } hub)
        {
            return hub;
        }

        // Exports are handled where they leave (outbound post at the mail centre), imports where they arrive.
        var places = record.Direction == Direction.Export
            ? new[] { record.Route.PortOfLoading, record.Route.PlaceOfReceipt, record.Route.PortOfDischarge, record.Route.PlaceOfDelivery }
            : new[] { record.Route.PortOfDischarge, record.Route.PlaceOfDelivery };
        foreach (var place in places)
        {
            if (place is not null && hubs.Find(place, record.Kind) is { } code)
            {
                return code;
            }
        }

        return defaultHub;
    }

    public async Task<Guid?> MovementAsync(MovementRecord? movement, CancellationToken cancellationToken)
    {
        if (movement is null || movement.Reference.Length == 0)
        {
            return null;
        }

        var key = MovementKey(movement.Carrier, movement.Reference);
        if (_committed.Movements.TryGetValue(key, out var id) || _pending.Movements.TryGetValue(key, out id))
        {
            return id;
        }

        var stored = _absentMovements.Contains(key) ? null : await db.Movements.AsNoTracking()
            .Where(m => m.Carrier == movement.Carrier && m.Reference == movement.Reference)
            .Select(m => (Guid?)m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is { } existing)
        {
            _committed.Movements[key] = existing;
            return existing;
        }

        var entity = new TransportMovement
        {
            Id = Guid.CreateVersion7(),
            Mode = movement.Mode,
            Carrier = movement.Carrier,
            Reference = movement.Reference,
            MeansName = movement.MeansName,
            MeansId = movement.MeansId,
        };
        _movements.Add(entity);
        _calls.AddRange(movement.Calls.Select((c, i) => new TransportCall
        {
            Id = Guid.CreateVersion7(),
            MovementId = entity.Id,
            Sequence = i + 1,
            UnLocode = c.UnLocode,
            PlaceName = c.PlaceName,
            Arrival = c.Arrival,
            Departure = c.Departure,
        }));
        _pending.Movements[key] = entity.Id;
        return entity.Id;
    }

    /// <summary>
    /// Stores, replaces or retracts one consignment record, by its reference and the document's function.
    /// Call <see cref="Validate"/> for the whole message first.
    /// </summary>
    public async Task<CargoOutcome> ConsignmentAsync(
        ConsignmentRecord record,
        DocumentFunction function,
        Guid? movementId,
        string? sourceDocument,
        Guid receiptId,
        string? defaultHub,
        CancellationToken cancellationToken)
    {
        var existing = await ExistingConsignmentAsync(record.Reference, cancellationToken);
        switch (function)
        {
            case DocumentFunction.Original when existing is not null:
                return CargoOutcome.Duplicate;
            case DocumentFunction.Cancel:
                if (existing is null)
                {
                    return CargoOutcome.Duplicate;
                }

                await RetractAsync(existing.Value, receiptId, cancellationToken);
                return CargoOutcome.Retracted;
            case DocumentFunction.Replace when existing is not null:
                await FlushAsync(cancellationToken);
                var replaced = await EndRevisionAsync(existing.Value, "Replace", receiptId, cancellationToken);
                var entity = ToEntity(record, existing.Value, movementId, sourceDocument, defaultHub);
                entity.Revision = replaced + 1;
                await db.Set<ConsignmentParty>().Where(p => p.ConsignmentId == existing.Value).ExecuteDeleteAsync(cancellationToken);
                await db.GoodsLines.Where(g => g.ConsignmentId == existing.Value).ExecuteDeleteAsync(cancellationToken);
                await db.ConsignmentEquipment.Where(e => e.ConsignmentId == existing.Value).ExecuteDeleteAsync(cancellationToken);
                // Updated in place, not deleted and inserted: its id is what selections and history refer to.
                db.Consignments.Update(entity);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                _pending.Consignments[entity.Reference] = entity.Id;
                await StageChildrenAsync(entity, record, cancellationToken);
                return CargoOutcome.Replaced;
            default:
                var fresh = ToEntity(record, Guid.CreateVersion7(), movementId, sourceDocument, defaultHub);
                await StageAsync(fresh, record, cancellationToken);
                return CargoOutcome.Stored;
        }
    }

    /// <summary>Retracts every live consignment of a document that a cancellation names without listing them.</summary>
    public async Task<int> RetractDocumentAsync(string documentNumber, Guid receiptId, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        var ids = await db.Consignments.AsNoTracking()
            .Where(c => c.SourceDocument == documentNumber && c.RetractedAt == null)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            await RetractAsync(id, receiptId, cancellationToken);
        }

        return ids.Count;
    }

    public void Features(Guid consignmentId, IReadOnlyDictionary<string, string> categorical, IReadOnlyDictionary<string, double> numeric)
    {
        if (categorical.Count > 0 || numeric.Count > 0)
        {
            _features.Add(new DeclarationFeatures
            {
                ConsignmentId = consignmentId,
                Categorical = new Dictionary<string, string>(categorical),
                Numeric = new Dictionary<string, double>(numeric),
            });
        }
    }

    public void Outcome(Guid consignmentId, OutcomeRecord outcome, DateTime knownAt, Guid receiptId) =>
        _outcomes.Add(new DeclarationOutcome
        {
            ConsignmentId = consignmentId,
            Inspected = outcome.Inspected,
            Hit = outcome.Hit,
            SeizedKg = outcome.SeizedKg,
            Revenue = outcome.Revenue,
            KnownAt = knownAt,
            ReceiptId = receiptId,
        });

    /// <summary>The id given to the last consignment staged by <see cref="ConsignmentAsync"/> for this reference.</summary>
    public Guid? StagedId(string reference) =>
        _pending.Consignments.TryGetValue(reference, out var id) ? id : null;

    /// <summary>Stages an event unless its sender's id was seen before; false for a duplicate.</summary>
    public async Task<bool> EventAsync(ContainerEventRecord record, Guid receiptId, CancellationToken cancellationToken)
    {
        if (record.EventId is { Length: > 0 } eventId)
        {
            if (_committed.EventIds.Contains(eventId) || _pending.EventIds.Contains(eventId)
                || (!_checkedEventIds.Contains(eventId) && await db.ContainerEvents.AnyAsync(e => e.ExternalId == eventId, cancellationToken)))
            {
                return false;
            }

            _pending.EventIds.Add(eventId);
        }

        _events.Add(new ContainerEvent
        {
            Id = Guid.CreateVersion7(),
            ExternalId = record.EventId is { Length: > 0 } ? record.EventId : null,
            ContainerNumber = record.ContainerNumber,
            Type = record.Type,
            OccurredAt = record.OccurredAt,
            UnLocode = record.UnLocode,
            PlaceName = record.PlaceName,
            Facility = record.Facility,
            SealNumber = record.SealNumber,
            Source = record.Source,
            TransportReference = record.TransportReference,
            InlandMode = record.InlandMode,
            Latitude = record.Latitude,
            Longitude = record.Longitude,
        });
        if (_events.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>Records an idempotency key; false when it was seen before.</summary>
    public async Task<bool> KeyAsync(string scope, string key, Guid receiptId, CancellationToken cancellationToken)
    {
        if (_pending.EventIds.Contains(scope + "|" + key) || _committed.EventIds.Contains(scope + "|" + key)
            || await db.IngestKeys.AnyAsync(k => k.Scope == scope && k.Key == key, cancellationToken))
        {
            return false;
        }

        _pending.EventIds.Add(scope + "|" + key);
        _keys.Add(new IngestKey { Scope = scope, Key = key, ReceiptId = receiptId });
        return true;
    }

    /// <summary>Sets the actual arrival or departure of a known voyage's call; false when no manifest announced that voyage.</summary>
    public async Task<bool> TransportCallAsync(Dcsa.TransportCallEventRecord record, CancellationToken cancellationToken)
    {
        if (record.Classifier != Dcsa.EventClassifier.Actual || record.CarrierVoyageNumber is null || record.UnLocode is null)
        {
            return record.Classifier != Dcsa.EventClassifier.Actual;
        }

        await FlushAsync(cancellationToken);
        var calls = db.Set<TransportCall>().Where(c => c.UnLocode == record.UnLocode
            && db.Movements.Any(m => m.Id == c.MovementId && m.Reference == record.CarrierVoyageNumber));
        var at = record.OccurredAt;
        var updated = record.Kind == Dcsa.TransportCallEventKind.Arrival
            ? await calls.ExecuteUpdateAsync(s => s.SetProperty(c => c.Arrival, at), cancellationToken)
            : await calls.ExecuteUpdateAsync(s => s.SetProperty(c => c.Departure, at), cancellationToken);
        return updated > 0;
    }

    public async Task EquipmentAsync(string containerNumber, string? sizeType, bool reefer, CancellationToken cancellationToken)
    {
        if (_committed.Equipment.Contains(containerNumber) || _pending.Equipment.Contains(containerNumber))
        {
            return;
        }

        if (!_absentEquipment.Contains(containerNumber) && await db.Equipment.AnyAsync(e => e.ContainerNumber == containerNumber, cancellationToken))
        {
            _committed.Equipment.Add(containerNumber);
            return;
        }

        _pending.Equipment.Add(containerNumber);
        _equipment.Add(new Equipment { ContainerNumber = containerNumber, NumberVerified = ContainerNumber.IsVerified(containerNumber), SizeType = sizeType ?? "", Reefer = reefer });
    }

    /// <summary>Replaces the stowage of these containers on that voyage with what the latest bay plan says.</summary>
    public async Task StowageAsync(Guid? movementId, IReadOnlyList<StowageRecord> stowage, Guid receiptId, CancellationToken cancellationToken)
    {
        if (movementId is not { } voyage || stowage.Count == 0)
        {
            return;
        }

        await FlushAsync(cancellationToken);
        var containers = stowage.Select(s => s.ContainerNumber).Distinct().ToList();
        foreach (var chunk in containers.Chunk(500))
        {
            await db.StowagePositions.Where(s => s.MovementId == voyage && chunk.Contains(s.ContainerNumber)).ExecuteDeleteAsync(cancellationToken);
        }

        await BulkInsert.InsertAsync(db, [.. stowage.DistinctBy(s => s.ContainerNumber).Select(s => new StowagePosition
        {
            MovementId = voyage,
            ContainerNumber = s.ContainerNumber,
            Position = s.Position,
            PortOfLoading = s.PortOfLoading,
            PortOfDischarge = s.PortOfDischarge,
            ReeferSetpointC = s.ReeferSetpointC,
            ReceiptId = receiptId,
        })], cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        // Parents before children, in the order the foreign keys need.
        await BulkInsert.InsertAsync(db, _parties, cancellationToken);
        await BulkInsert.InsertAsync(db, Parties.PartyContactKeys.Of(_parties), cancellationToken);
        await BulkInsert.InsertAsync(db, _equipment, cancellationToken);
        await BulkInsert.InsertAsync(db, _movements, cancellationToken);
        await BulkInsert.InsertAsync(db, _calls, cancellationToken);
        await BulkInsert.InsertAsync(db, _consignments, cancellationToken);
        await BulkInsert.InsertAsync(db, _consignmentParties, cancellationToken);
        await BulkInsert.InsertAsync(db, _goods, cancellationToken);
        await BulkInsert.InsertAsync(db, _consignmentEquipment, cancellationToken);
        await BulkInsert.InsertAsync(db, _features, cancellationToken);
        await BulkInsert.InsertAsync(db, _outcomes, cancellationToken);
        await BulkInsert.InsertAsync(db, _events, cancellationToken);
        await BulkInsert.InsertAsync(db, _keys, cancellationToken);
        foreach (var list in new System.Collections.IList[] { _parties, _equipment, _movements, _calls, _consignments, _consignmentParties, _goods, _consignmentEquipment, _features, _outcomes, _events, _keys })
        {
            list.Clear();
        }
    }

    private async Task StageAsync(Consignment entity, ConsignmentRecord record, CancellationToken cancellationToken)
    {
        _consignments.Add(entity);
        _pending.Consignments[entity.Reference] = entity.Id;
        await StageChildrenAsync(entity, record, cancellationToken);
    }

    private async Task StageChildrenAsync(Consignment entity, ConsignmentRecord record, CancellationToken cancellationToken)
    {
        foreach (var party in record.Parties.DistinctBy(p => p.Role))
        {
            var partyId = await PartyAsync(party, entity.BookedAt, cancellationToken);
            _consignmentParties.Add(new ConsignmentParty { ConsignmentId = entity.Id, Role = party.Role, PartyId = partyId });
        }

        foreach (var line in record.Goods.DistinctBy(g => g.LineNumber))
        {
            _goods.Add(new GoodsLine
            {
                ConsignmentId = entity.Id,
                LineNumber = line.LineNumber,
                HsCode = line.HsCode ?? "",
                Description = line.Description,
                Packages = line.Packages,
                PackageType = line.PackageType ?? "",
                GrossKg = line.GrossKg ?? 0,
                NetKg = line.NetKg ?? 0,
                ValueEur = line.ValueEur ?? 0,
            });
        }

        foreach (var equipment in record.Equipment.DistinctBy(e => e.ContainerNumber))
        {
            await EquipmentAsync(equipment.ContainerNumber, equipment.SizeType, equipment.Reefer, cancellationToken);
            _consignmentEquipment.Add(new ConsignmentEquipment
            {
                ConsignmentId = entity.Id,
                ContainerNumber = equipment.ContainerNumber,
                SealNumbers = [.. equipment.Seals],
                ReeferSetpointC = equipment.ReeferSetpointC,
            });
        }

        if (_consignments.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken);
        }
    }

    private Consignment ToEntity(ConsignmentRecord record, Guid id, Guid? movementId, string? sourceDocument, string? defaultHub)
    {
        var arrived = record.ArrivedAt ?? record.DepartedAt ?? record.BookedAt ?? now;
        return new Consignment
        {
            Id = id,
            Reference = record.Reference,
            Kind = record.Kind,
            Direction = record.Direction,
            HubCode = HubOf(record, defaultHub) ?? throw new InvalidOperationException("Validate the consignment's hub before storing it."),
            MovementId = movementId,
            BookedAt = record.BookedAt ?? record.DepartedAt ?? arrived,
            DepartedAt = record.DepartedAt,
            ArrivedAt = arrived,
            OriginCountry = record.OriginCountry ?? (record.Route.PortOfLoading is { Length: 5 } pol ? pol[..2] : ""),
            Route = new Domain.Cargo.Route
            {
                PlaceOfReceipt = record.Route.PlaceOfReceipt,
                PortOfLoading = record.Route.PortOfLoading ?? "",
                TransshipmentPorts = [.. record.Route.TransshipmentPorts],
                PortOfDischarge = record.Route.PortOfDischarge ?? "",
                PlaceOfDelivery = record.Route.PlaceOfDelivery,
            },
            TotalGrossKg = record.DeclaredGrossKg ?? record.Goods.Sum(g => g.GrossKg ?? 0),
            TotalValueEur = record.Goods.Sum(g => g.ValueEur ?? 0),
            SourceDocument = sourceDocument,
        };
    }

    private async Task<Guid> PartyAsync(PartyRecord record, DateTime seenAt, CancellationToken cancellationToken)
    {
        await LoadPartiesAsync(cancellationToken);
        var key = PartyKey(record.Eori, record.Name, record.CountryCode);
        if (_committed.Parties.TryGetValue(key, out var id) || _pending.Parties.TryGetValue(key, out id))
        {
            return id;
        }

        var party = new Party
        {
            Id = Guid.CreateVersion7(),
            Name = record.Name,
            CountryCode = record.CountryCode ?? "",
            Eori = record.Eori,
            Aeo = record.Aeo ?? AeoStatus.None,
            // Customs first sees a party on the first document that names it.
            FirstSeen = seenAt,
            // Contact data as that first document sent it; resolution compares them normalised.
            Street = Clip(record.Street, 140),
            City = Clip(record.City, 35),
            Postcode = Clip(record.Postcode, 17),
            Phone = Clip(record.Phone, 512),
            Email = Clip(record.Email, 512),
        };
        _parties.Add(party);
        _pending.Parties[key] = party.Id;
        return party.Id;
    }

    private static string? Clip(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;

    private async Task LoadPartiesAsync(CancellationToken cancellationToken)
    {
        if (_partiesLoaded)
        {
            return;
        }

        // The party register fits in memory many times over; one read beats a query per name.
        await foreach (var p in db.Parties.AsNoTracking().Select(p => new { p.Id, p.Eori, p.Name, p.CountryCode }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _committed.Parties.TryAdd(PartyKey(p.Eori, p.Name, p.CountryCode), p.Id);
        }

        _partiesLoaded = true;
    }

    private static string PartyKey(string? eori, string name, string? country) =>
        eori is { Length: > 0 } ? "E|" + eori.ToUpperInvariant() : "N|" + name.Trim().ToUpperInvariant() + "|" + (country ?? "").ToUpperInvariant();

    private async Task<Guid?> ExistingConsignmentAsync(string reference, CancellationToken cancellationToken)
    {
        if (_pending.Consignments.TryGetValue(reference, out var id))
        {
            // A later message of the same interchange refers to one staged earlier: write it first.
            await FlushAsync(cancellationToken);
            return id;
        }

        if (_storedReferences.TryGetValue(reference, out var stored))
        {
            return stored;
        }

        return await db.Consignments.AsNoTracking()
            .Where(c => c.Reference == reference && c.RetractedAt == null)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task RetractAsync(Guid id, Guid receiptId, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await EndRevisionAsync(id, "Cancel", receiptId, cancellationToken);
        await db.Consignments.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.RetractedAt, now), cancellationToken);
        ForgetReference(id);
    }

    private void ForgetReference(Guid id)
    {
        foreach (var (reference, known) in _pending.Consignments.Where(p => p.Value == id).ToList())
        {
            _pending.Consignments.Remove(reference);
        }

        foreach (var (reference, known) in _storedReferences.Where(p => p.Value == id).ToList())
        {
            _storedReferences[reference] = null;
        }
    }

    /// <summary>Keeps the stored version as a revision and returns its number.</summary>
    private async Task<int> EndRevisionAsync(Guid id, string endedBy, Guid receiptId, CancellationToken cancellationToken)
    {
        var current = await db.Consignments.AsNoTracking()
            .Include(c => c.Parties).ThenInclude(p => p.Party)
            .Include(c => c.Goods)
            .Include(c => c.Equipment)
            .AsSplitQuery()
            .FirstAsync(c => c.Id == id, cancellationToken);
        db.ConsignmentRevisions.Add(new ConsignmentRevision
        {
            ConsignmentId = id,
            Revision = current.Revision,
            Snapshot = JsonSerializer.Serialize(Snapshot(current), SnapshotOptions),
            EndedBy = endedBy,
            ReceiptId = receiptId,
            EndedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return current.Revision;
    }

    private static object Snapshot(Consignment c) => new
    {
        c.Reference,
        c.Kind,
        c.Direction,
        c.HubCode,
        c.BookedAt,
        c.DepartedAt,
        c.ArrivedAt,
        c.OriginCountry,
        c.Route,
        c.TotalGrossKg,
        c.TotalValueEur,
        c.SourceDocument,
        Parties = c.Parties.Select(p => new { p.Role, p.PartyId, p.Party?.Name, p.Party?.CountryCode, p.Party?.Eori }),
        Goods = c.Goods.OrderBy(g => g.LineNumber).Select(g => new { g.LineNumber, g.HsCode, g.Description, g.Packages, g.PackageType, g.GrossKg, g.NetKg, g.ValueEur }),
        Equipment = c.Equipment.Select(e => new { e.ContainerNumber, e.SealNumbers, e.ReeferSetpointC }),
    };

    private sealed class Known
    {
        public Dictionary<string, Guid> Parties { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Guid> Movements { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Guid> Consignments { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Equipment { get; } = new(StringComparer.Ordinal);

        public HashSet<string> EventIds { get; } = new(StringComparer.Ordinal);

        public void Merge(Known other)
        {
            foreach (var (k, v) in other.Parties)
            {
                Parties[k] = v;
            }

            foreach (var (k, v) in other.Movements)
            {
                Movements[k] = v;
            }

            Equipment.UnionWith(other.Equipment);
            EventIds.UnionWith(other.EventIds);
        }
    }
}
