namespace Portcullis.Imaging;

/// <summary>
/// The 8-bit previews of scans (<see cref="ScanPreview"/>), kept in the store's derived folder under
/// the hash of the original they show. Derived, so rebuildable: a missing preview is rendered again
/// from the original, which is verified against its hash first; a damaged original never yields a preview.
/// </summary>
public sealed class ScanPreviews(IScanStore store, DiskScanStore disk, ImagingOptions options)
{
    /// <summary>Renders the preview of the scan's last frame (the high energy of a dual-energy scan: it sees through more) and stores it.</summary>
    public async Task StoreAsync(Scan scan, ScanFrame frame, CancellationToken cancellationToken)
    {
        var png = ScanPreview.Render(frame);
        var path = PathOf(scan);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Temporary name and move, as for originals: a reader never sees half a preview.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        await File.WriteAllBytesAsync(temporary, png, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The preview's PNG bytes, rendered again from the original when missing.</summary>
    /// <exception cref="ScanStoreException">The original is missing or altered; the message names the scan and the fix.</exception>
    public async Task<byte[]> GetAsync(Scan scan, CancellationToken cancellationToken)
    {
        var path = PathOf(scan);
        if (File.Exists(path))
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }

        byte[] original;
        try
        {
            original = await store.GetAsync(scan.FileHashes[^1], cancellationToken);
        }
        catch (ScanStoreException e)
        {
            throw new ScanStoreException($"Scan {scan.Id} of {scan.Subject}: {e.Message}");
        }

        var read = ScanReader.Read(original, options.Limits);
        if (read.Image is null)
        {
            throw new ScanStoreException($"Scan {scan.Id} of {scan.Subject}: its original no longer reads ({read.Error?.Message}); restore it from the backup.");
        }

        await StoreAsync(scan, read.Image.Frames[^1], cancellationToken);
        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    public string PathOf(Scan scan)
    {
        var hash = scan.FileHashes[^1];
        return Path.Combine(disk.DerivedFolder, "previews", hash[..2], hash + ".png");
    }
}
