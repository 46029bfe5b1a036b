using Microsoft.EntityFrameworkCore;
using Portcullis.Risk.Insider;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>
/// What an audit subject ("container X", "consignment R") is about: its container (or the
/// consignment reference when it travels without one) and its hub; which units have a control
/// still to come; and the selections whose control is over.
/// </summary>
internal sealed class AuditSubjectMap
{
    private readonly Dictionary<string, (string Container, string Hub)> _consignments = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _containerHubs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _selectionHubs = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<Guid> _selections = [];

    public HashSet<string> OpenUnits { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ControlledSelection> Controlled { get; } = [];

    /// <summary>Loads the subjects and the selections of their units.</summary>
    public async Task LoadAsync(PortcullisDb db, IEnumerable<string> subjects, CancellationToken cancellationToken)
    {
        var units = await LoadSubjectsAsync(db, subjects, cancellationToken);
        AddSelections(await db.Selections.AsNoTracking().Where(s => EF.Parameter(units).Contains(s.Unit)).ToListAsync(cancellationToken));
    }

    /// <summary>Loads the consignments and containers the subjects name; returns the units a selection of theirs would have.</summary>
    public async Task<List<string>> LoadSubjectsAsync(PortcullisDb db, IEnumerable<string> subjects, CancellationToken cancellationToken)
    {
        // A month of views names about 200,000 consignments and containers: each list goes as one collection
        // parameter (JSON on SQLite, an array on PostgreSQL), never one parameter per value, which passes
        // SQLite's 32,766 and PostgreSQL's 65,535 variables ("too many SQL variables"; `audit-leads-db`).
        var distinct = subjects.Distinct(StringComparer.Ordinal).ToList();
        var refs = distinct.Select(s => Strip(s, "consignment ")).OfType<string>().ToList();
        var containers = distinct.Select(s => Strip(s, "container ")).OfType<string>().ToList();
        if (refs.Count > 0)
        {
            var consignments = await (from c in db.Consignments.AsNoTracking()
                                      where EF.Parameter(refs).Contains(c.Reference)
                                      join ce in db.ConsignmentEquipment.AsNoTracking() on c.Id equals ce.ConsignmentId into equipment
                                      from ce in equipment.DefaultIfEmpty()
                                      select new { c.Reference, c.HubCode, Container = ce == null ? null : ce.ContainerNumber }).ToListAsync(cancellationToken);
            foreach (var c in consignments)
            {
                _consignments.TryAdd(c.Reference, (c.Container ?? c.Reference, c.HubCode));
            }
        }

        if (containers.Count > 0)
        {
            var hubs = await (from ce in db.ConsignmentEquipment.AsNoTracking()
                              where EF.Parameter(containers).Contains(ce.ContainerNumber)
                              join c in db.Consignments.AsNoTracking() on ce.ConsignmentId equals c.Id
                              orderby c.ArrivedAt
                              select new { ce.ContainerNumber, c.HubCode }).ToListAsync(cancellationToken);
            foreach (var h in hubs)
            {
                _containerHubs[h.ContainerNumber] = h.HubCode;
            }
        }

        return [.. containers.Concat(_consignments.Values.Select(v => v.Container)).Concat(refs).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Adds selections (each once, however often given): their hubs, and whether their control is over.</summary>
    public void AddSelections(IEnumerable<SelectionCase> selections)
    {
        foreach (var s in selections)
        {
            if (!_selections.Add(s.Id))
            {
                continue;
            }

            // A selection's hub is where it is controlled: the best answer for its container.
            _selectionHubs[s.Unit] = s.HubCode;
            if (Visibility.ControlOver(s) is null)
            {
                OpenUnits.Add(s.Unit);
            }
            else
            {
                Controlled.Add(new ControlledSelection(s.Unit, s.HubCode, s.CreatedAt, s.ScannedAt ?? s.PhysicalStartedAt ?? s.PlannedControlAt));
            }
        }
    }

    /// <summary>The hub of a selection of the unit, if one was added.</summary>
    public string? SelectionHub(string unit) => _selectionHubs.GetValueOrDefault(unit);

    public (string? Container, string? Hub) Resolve(string subject)
    {
        if (Strip(subject, "container ") is { } container)
        {
            return (container, SelectionHub(container) ?? _containerHubs.GetValueOrDefault(container));
        }

        if (Strip(subject, "consignment ") is { } reference && _consignments.TryGetValue(reference, out var found))
        {
            return (found.Container, SelectionHub(found.Container) ?? _containerHubs.GetValueOrDefault(found.Container) ?? found.Hub);
        }

        return (null, null);
    }

    /// <summary>
    /// What a view fact stores (<see cref="AuditViewFact"/>): the subject's container and its hub from the
    /// cargo alone (a consignment's own hub, a container's latest consignment's), without selections.
    /// </summary>
    public (string? Container, string? Hub) ResolveAsWritten(string subject)
    {
        if (Strip(subject, "container ") is { } container)
        {
            return (container, _containerHubs.GetValueOrDefault(container));
        }

        return Strip(subject, "consignment ") is { } reference && _consignments.TryGetValue(reference, out var found)
            ? (found.Container, found.Hub)
            : (null, null);
    }

    private static string? Strip(string subject, string prefix) =>
        subject.StartsWith(prefix, StringComparison.Ordinal) ? subject[prefix.Length..] : null;
}
