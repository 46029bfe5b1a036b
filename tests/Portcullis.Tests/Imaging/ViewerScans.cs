using Portcullis.Imaging;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Tests.Imaging;

/// <summary>Scans made by hand for the viewer's tests: originals in the store (16-bit PNG, one file per frame) and their row.</summary>
public static class ViewerScans
{
    /// <summary>A frame whose pixels are a known function of position, so that any byte out of place shows.</summary>
    public static ScanFrame Pattern(int width, int height, int seed)
    {
        var pixels = new ushort[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (ushort)(((x * 257) + (y * 4099) + ((seed % 1000) * 31)) & 0xFFFF);
            }
        }

        return new ScanFrame(width, height, pixels);
    }

    public static Task<Scan> AddAsync(Database database, DiskScanStore store, string subject, Guid? selectionId, params ScanFrame[] frames) =>
        AddAsync(TimeProvider.System, database, store, subject, selectionId, frames);

    /// <summary>As the other, at <paramref name="clock"/>'s time (the browser server's clock is not the real one).</summary>
    public static async Task<Scan> AddAsync(TimeProvider clock, Database database, DiskScanStore store, string subject, Guid? selectionId, params ScanFrame[] frames)
    {
        var hashes = new List<string>();
        foreach (var frame in frames)
        {
            hashes.Add(await store.PutAsync(ScanPng.Write(frame), CancellationToken.None));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var scan = new Scan
        {
            Id = Guid.CreateVersion7(),
            SubjectKind = ScanSubjectKind.Container,
            Subject = subject,
            ScannerId = "RTM-LINAC-2",
            Site = "NLRTM",
            ScannedAt = now.AddMinutes(-20),
            ReceivedAt = now.AddMinutes(-19),
            Origin = ScanOrigin.Own,
            Format = ScanFormat.Png,
            Width = frames[0].Width,
            Height = frames[0].Height,
            FrameCount = frames.Length,
            Energy = frames.Length == 2 ? "4/6 MV dual" : "6 MV",
            PixelSpacingX = 5,
            PixelSpacingY = 5,
            FileHashes = hashes,
            SelectionId = selectionId,
            SubmittedBy = "test-scanner",
        };
        await using var db = database.CreateContext();
        db.Scans.Add(scan);
        await db.SaveChangesAsync();
        return scan;
    }

    /// <summary>Moves a fixture selection on to Scanned (its scan recorded), as the inspection's scan step does.</summary>
    public static Task MarkScannedAsync(Database database, Guid selectionId) => MarkScannedAsync(TimeProvider.System, database, selectionId);

    public static async Task MarkScannedAsync(TimeProvider clock, Database database, Guid selectionId)
    {
        await using var db = database.CreateContext();
        var selection = db.Selections.Single(s => s.Id == selectionId);
        selection.State = SelectionState.Scanned;
        selection.ScanReference = "RTM-LINAC-2";
        selection.ScannedAt = clock.GetUtcNow().UtcDateTime.AddMinutes(-20);
        await db.SaveChangesAsync();
    }
}
