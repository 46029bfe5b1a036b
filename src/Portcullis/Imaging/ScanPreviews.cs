namespace Portcullis.Imaging;

/// <summary>
/// The 8-bit previews of scans (<see cref="ScanPreview"/>), kept in the store's derived folder under
/// the hash of the original they show. Derived, so rebuildable: a missing preview is rendered again
/// from the original, which is verified against its hash first; a damaged original never yields a preview.
/// </summary>
public sealed class ScanPreviews(IScanStore store, DiskScanStore disk, ImagingOptions options)
{
    private static readonly Lazy<bool> Quiet = new(() =>
    {
        OpenCvSharp.Cv2.SetLogLevel(OpenCvSharp.LogLevel.SILENT);
        return true;
    });

    /// <summary>
    /// OpenCV writes its own warnings (a truncated PNG…) straight to stderr, around our one-sentence
    /// answer; the reader's result already says what is wrong. Called before the first decode, not at
    /// start-up, so that commands that never touch a scan do not load the native library.
    /// </summary>
    public static void SilenceOpenCv() => _ = Quiet.Value;

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

        SilenceOpenCv();
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
