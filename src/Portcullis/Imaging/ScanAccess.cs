using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// Need-to-know for scans. A scan linked to a control follows the selection: shown only to those who
/// may see that selection now (<see cref="Visibility.CanSee"/>). A scan not linked yet (a partner's
/// origin scan waiting for its container, a scan nobody referenced) shows nothing about a control, and
/// is for scan analysts, supervisors and auditors only. A system's token sees only the receipts of the
/// scans it sent itself, never another's, and never which control a scan belongs to.
/// </summary>
public static class ScanAccess
{
    /// <summary>The roles that see scans not linked to a control.</summary>
    public static IReadOnlyList<string> UnlinkedReaders { get; } = [Roles.ScanAnalyst, Roles.Supervisor, Roles.Auditor];

    public static async Task<bool> MaySeeAsync(PortcullisDb db, CurrentUser user, Scan scan, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        if (user.IsSystem)
        {
            return IsOwnReceipt(user, scan);
        }

        if (scan.SelectionId is not { } id)
        {
            return UnlinkedReaders.Contains(user.Role, StringComparer.Ordinal);
        }

        var selection = await db.Selections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return selection is not null && Visibility.CanSee(selection, user, clock.GetUtcNow().UtcDateTime, Visibility.InspectionWindow(options));
    }

    /// <summary>The same rule for many scans at once, with one query for their selections (lists).</summary>
    public static async Task<List<Scan>> VisibleAsync(PortcullisDb db, CurrentUser user, IReadOnlyList<Scan> scans, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        if (user.IsSystem)
        {
            return [.. scans.Where(s => IsOwnReceipt(user, s))];
        }

        var ids = scans.Where(s => s.SelectionId is not null).Select(s => s.SelectionId!.Value).Distinct().ToList();
        var selections = ids.Count == 0 ? [] : await db.Selections.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var window = Visibility.InspectionWindow(options);
        return [.. scans.Where(s => s.SelectionId is { } id
            ? selections.TryGetValue(id, out var selection) && Visibility.CanSee(selection, user, now, window)
            : UnlinkedReaders.Contains(user.Role, StringComparer.Ordinal))];
    }

    /// <summary>The token (by its name) that sent the scan; a partner's token only within its own organisation's scans.</summary>
    public static bool IsOwnReceipt(CurrentUser user, Scan scan) =>
        user.IsSystem && string.Equals(scan.SubmittedBy, user.Name, StringComparison.Ordinal)
        && (scan.Origin == ScanOrigin.Own || string.Equals(scan.Partner, user.OrganisationName, StringComparison.Ordinal));

    /// <summary>The one answer to a scan the caller may not see (yet): as if it did not exist.</summary>
    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"There is no scan {id} that you may see now.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
