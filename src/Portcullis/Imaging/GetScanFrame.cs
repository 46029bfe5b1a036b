using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// REST: one frame of a scan as its 16-bit pixels, for the viewer: raw little-endian bytes, row-major,
/// with the size in <c>X-Scan-Width</c> and <c>X-Scan-Height</c>. Need-to-know as the scan's selection
/// (404 when hidden); the viewer page records the view once, so this endpoint does not audit each frame.
/// </summary>
public static class GetScanFrame
{
    public const string WidthHeader = "X-Scan-Width";
    public const string HeightHeader = "X-Scan-Height";

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetAsync(Guid id, int n, PortcullisDb db, DiskScanStore store, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var scan = await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scan is null || !await ScanAccess.MaySeeAsync(db, user, scan, clock, options, cancellationToken))
        {
            return NotFound(id);
        }

        if (n < 0 || n >= scan.FrameCount)
        {
            return TypedResults.Problem($"Scan {id} has {scan.FrameCount} frame(s), numbered from 0; there is no frame {n}.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        var frame = await ScanFrames.CachedAsync(store, scan, n, cancellationToken);
        if (frame.Problem is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status409Conflict, title: "Scan file not readable.");
        }

        context.Response.Headers[WidthHeader] = frame.Width.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[HeightHeader] = frame.Height.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Pixels of a need-to-know scan: no shared cache may keep them.
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.PhysicalFile(frame.Path!, "application/octet-stream");
    }

    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"There is no scan {id} that you may see now.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}

/// <summary>
/// Decoded frames as raw 16-bit little-endian files in the store's derived folder, named by the
/// original's hash: decoded once from the verified original, then served as a file. Deleting the
/// folder loses nothing; the next request decodes again.
/// </summary>
public static class ScanFrames
{
    public sealed record CachedFrame(string? Path, int Width, int Height, string? Problem);

    public static async Task<CachedFrame> CachedAsync(DiskScanStore store, Scan scan, int n, CancellationToken cancellationToken)
    {
        // Two files for dual energy sent separately (one frame each), or one file with every frame.
        var (fileIndex, frameInFile) = scan.FileHashes.Count == scan.FrameCount ? (n, 0) : (0, n);
        if (fileIndex >= scan.FileHashes.Count)
        {
            return new CachedFrame(null, 0, 0, $"Scan {scan.Id} names {scan.FileHashes.Count} file(s) for {scan.FrameCount} frame(s); frame {n} has no file.");
        }

        var hash = scan.FileHashes[fileIndex];
        var path = PathOf(store, hash, frameInFile);
        var sizePath = path + ".size";
        if (File.Exists(path) && File.Exists(sizePath) && ParseSize(await File.ReadAllTextAsync(sizePath, cancellationToken)) is { } known)
        {
            return new CachedFrame(path, known.Width, known.Height, null);
        }

        byte[] original;
        try
        {
            original = await store.GetAsync(hash, cancellationToken);
        }
        catch (ScanStoreException e)
        {
            return new CachedFrame(null, 0, 0, e.Message);
        }

        var read = ScanReader.Read(original);
        if (read.Image is not { } image)
        {
            return new CachedFrame(null, 0, 0, $"The stored original of scan {scan.Id} cannot be decoded ({read.Error}).");
        }

        if (frameInFile >= image.Frames.Count)
        {
            return new CachedFrame(null, 0, 0, $"The stored original of scan {scan.Id} has {image.Frames.Count} frame(s); frame {frameInFile} is missing.");
        }

        var frame = image.Frames[frameInFile];
        await StoreDecodedAsync(store, hash, frameInFile, frame, cancellationToken);
        return new CachedFrame(path, frame.Width, frame.Height, null);
    }

    /// <summary>
    /// Writes a decoded frame of an original to the derived folder. The import may call it with the
    /// frames it has just decoded, so that the viewer's first opening does not decode again (the
    /// cold first paint costs about a second more than a warm one; docs/BENCHMARKS.md).
    /// </summary>
    public static async Task StoreDecodedAsync(DiskScanStore store, string hash, int frameInFile, ScanFrame frame, CancellationToken cancellationToken)
    {
        var path = PathOf(store, hash, frameInFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written under temporary names and moved, size first: a reader that finds the pixels finds their size.
        await WriteAtomicAsync(path + ".size", System.Text.Encoding.ASCII.GetBytes($"{frame.Width}x{frame.Height}"), cancellationToken);
        await WriteAtomicAsync(path, PixelBytes(frame.Pixels), cancellationToken);
    }

    private static string PathOf(DiskScanStore store, string hash, int frameInFile) =>
        Path.Combine(store.DerivedFolder, "frames", hash[..2], $"{hash}.{frameInFile}.u16");

    /// <summary>The pixels as little-endian bytes, whatever the machine's byte order.</summary>
    public static byte[] PixelBytes(ushort[] pixels)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray();
        }

        var bytes = new byte[pixels.Length * 2];
        for (var i = 0; i < pixels.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), pixels[i]);
        }

        return bytes;
    }

    private static (int Width, int Height)? ParseSize(string text)
    {
        var parts = text.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var h) ? (w, h) : null;
    }

    private static async Task WriteAtomicAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
