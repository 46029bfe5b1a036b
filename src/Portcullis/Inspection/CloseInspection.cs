using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Hosting;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Inspection;

/// <summary>
/// REST: closes a control with its result: nothing found, or findings (substance, kilograms,
/// packages, concealment), seal evidence and a chain-of-custody number. The result becomes a
/// dated training label for every consignment in the unit, so the next model learns from it.
/// </summary>
public static class CloseInspection
{
    public sealed record FindingRequest(string Substance, double Kilograms, int Packages, string Concealment, string? Description);

    public sealed record CloseRequest(int Version, IReadOnlyList<FindingRequest>? Findings, string? SealEvidence, string? ChainOfCustody, string? Notes);

    public static async Task<Results<Ok<GetSelections.SelectionView>, ProblemHttpResult>> CloseAsync(Guid id, CloseRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var parsed = Parse(request);
        var result = await InspectionSteps.ApplyAsync(db, context, clock, options, id, request.Version, InspectionStep.Close, request.Notes ?? "", async (s, now) =>
        {
            if (parsed.Error is { } error)
            {
                return error;
            }

            Apply(db, clock, s, parsed.Findings, request, now);
            await Task.CompletedTask;
            return null;
        }, cancellationToken, hasFindings: request.Findings is { Count: > 0 });
        return result;
    }

    public sealed record Parsed(IReadOnlyList<Finding> Findings, string? Error);

    /// <summary>Checks a result; the error is one sentence naming the first bad field.</summary>
    public static Parsed Parse(CloseRequest request)
    {
        var findings = new List<Finding>();
        var items = request.Findings ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var f = items[i];
            var where = $"Finding {i + 1}";
            if (!TryEnum<Substance>(f.Substance, out var substance))
            {
                return new([], $"{where}: substance '{Echo.Of(f.Substance)}' is not known; use {string.Join(", ", Enum.GetNames<Substance>())}.");
            }

            if (!TryEnum<ConcealmentMethod>(f.Concealment, out var concealment))
            {
                return new([], $"{where}: concealment '{Echo.Of(f.Concealment)}' is not known; use {string.Join(", ", Enum.GetNames<ConcealmentMethod>())}.");
            }

            if (!(f.Kilograms > 0 && f.Kilograms < 100_000))
            {
                return new([], $"{where}: kilograms must be more than 0 and less than 100,000.");
            }

            if (f.Packages < 1)
            {
                return new([], $"{where}: give the number of packages (at least 1).");
            }

            findings.Add(new Finding { Id = Guid.CreateVersion7(), SelectionId = Guid.Empty, Substance = substance, Kilograms = f.Kilograms, Packages = f.Packages, Concealment = concealment, Description = (f.Description ?? "").Trim() });
        }

        if (findings.Count > 0 && string.IsNullOrWhiteSpace(request.ChainOfCustody))
        {
            return new([], "A finding needs its chain-of-custody number; give it as chainOfCustody.");
        }

        if (findings.Count > 0 && string.IsNullOrWhiteSpace(request.SealEvidence))
        {
            return new([], "A finding needs the seal evidence (seal numbers found, intact or tampered); give it as sealEvidence.");
        }

        return (request.ChainOfCustody?.Length ?? 0) > 100 || (request.SealEvidence?.Length ?? 0) > 2000 || (request.Notes?.Length ?? 0) > 4000
            ? new([], "chainOfCustody (100), sealEvidence (2,000) or notes (4,000 characters) is too long.")
            : new(findings, null);
    }

    /// <summary>Stores the result and turns it into labels; the caller saves.</summary>
    internal static void Apply(PortcullisDb db, TimeProvider clock, SelectionCase selection, IReadOnlyList<Finding> findings, CloseRequest request, DateTime now)
    {
        foreach (var f in findings)
        {
            db.Findings.Add(new Finding { Id = f.Id, SelectionId = selection.Id, Substance = f.Substance, Kilograms = f.Kilograms, Packages = f.Packages, Concealment = f.Concealment, Description = f.Description });
        }

        selection.Hit = findings.Count > 0;
        selection.SeizedKg = findings.Count > 0 ? findings.Sum(f => f.Kilograms) : null;
        selection.SealEvidence = request.SealEvidence?.Trim();
        selection.ChainOfCustody = request.ChainOfCustody?.Trim();
        selection.Notes = request.Notes?.Trim();
        selection.ClosedAt = now;
        LabelsFromResult(db, selection, now);
        // The outbox row carries the time it was written, not the control's (which a replay may date back).
        Outbox.Add(db, clock, new InspectionClosed(selection.Id, selection.Unit, selection.HubCode, findings.Count > 0));
    }

    /// <summary>
    /// Every consignment in the unit gets an outcome known from now: the engine only learns from
    /// outcomes dated before a case, so a result never leaks into scores made before it existed.
    /// Seized kilograms are shared equally over the consignments of a container.
    /// </summary>
    internal static void LabelsFromResult(PortcullisDb db, SelectionCase selection, DateTime now)
    {
        var ids = selection.ConsignmentIds;
        var stored = db.DeclarationOutcomes.Where(o => ids.Contains(o.ConsignmentId)).ToDictionary(o => o.ConsignmentId);
        foreach (var consignmentId in ids)
        {
            var kg = selection.SeizedKg is { } total ? total / ids.Count : (double?)null;
            // A consignment spread over two containers is labelled by both controls: a hit in either makes it a hit.
            var earlier = db.DeclarationOutcomes.Local.FirstOrDefault(o => o.ConsignmentId == consignmentId) ?? stored.GetValueOrDefault(consignmentId);
            if (earlier is null)
            {
                db.DeclarationOutcomes.Add(new DeclarationOutcome
                {
                    ConsignmentId = consignmentId,
                    Inspected = true,
                    Hit = selection.Hit,
                    SeizedKg = kg,
                    KnownAt = now,
                    // Outcomes from an inspection point at the selection that produced them, not at an ingest receipt.
                    ReceiptId = selection.Id,
                });
                continue;
            }

            var entry = db.Entry(earlier);
            var sameRun = entry.Property(o => o.ReceiptId).CurrentValue != selection.Id && entry.State == EntityState.Added;
            // An earlier outcome (e.g. a historical control) is replaced by this result; its properties are init-only for code, not for the store.
            entry.Property(o => o.Inspected).CurrentValue = true;
            entry.Property(o => o.Hit).CurrentValue = sameRun ? earlier.Hit == true || selection.Hit == true : selection.Hit;
            entry.Property(o => o.SeizedKg).CurrentValue = sameRun && earlier.SeizedKg is { } before ? before + (kg ?? 0) : kg;
            entry.Property(o => o.Revenue).CurrentValue = null;
            entry.Property(o => o.KnownAt).CurrentValue = now > earlier.KnownAt || !sameRun ? now : earlier.KnownAt;
            entry.Property(o => o.ReceiptId).CurrentValue = selection.Id;
        }
    }

    private static bool TryEnum<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text?.Replace("-", "").Replace("_", "").Replace(" ", ""), ignoreCase: true, out value) && Enum.IsDefined(value);
}
