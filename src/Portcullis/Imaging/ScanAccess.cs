using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// Need-to-know for scans: a scan with a selection is shown to whoever may see that selection now
/// (<see cref="Visibility.CanSee"/>); a scan not linked yet only to scan analysts, supervisors and auditors.
/// </summary>
public static class ScanAccess
{
    public static async Task<bool> MaySeeAsync(PortcullisDb db, CurrentUser user, Scan scan, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        if (user.IsSystem)
        {
            return false;
        }

        if (scan.SelectionId is not { } selectionId)
        {
            return user.Role is Roles.ScanAnalyst or Roles.Supervisor or Roles.Auditor;
        }

        var selection = await db.Selections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == selectionId, cancellationToken);
        return selection is not null && Visibility.CanSee(selection, user, clock.GetUtcNow().UtcDateTime, Visibility.InspectionWindow(options));
    }
}
