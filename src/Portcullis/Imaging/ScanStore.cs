using System.Security.Cryptography;

namespace Portcullis.Imaging;

/// <summary>
/// The content-addressed store of original scan files: a file's name is its SHA-256, an original is
/// never altered, and every read checks the bytes against their hash. One small interface so a shared
/// volume serves several nodes today and an object store can be added later.
/// </summary>
public interface IScanStore
{
    /// <summary>Stores the bytes (once: storing the same content again is a no-op) and answers their hash.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The original's bytes, verified against the hash; throws <see cref="ScanStoreException"/> when missing or altered.</summary>
    Task<byte[]> GetAsync(string hash, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken);
}

/// <summary>A stored original is missing or no longer matches its hash.</summary>
public sealed class ScanStoreException(string message) : Exception(message);

/// <summary>
/// Originals on local disk (or a shared volume) under <c>originals/ab/cd/&lt;hash&gt;</c>; derived
/// images (previews, tiles, overlays) under <c>derived/</c>, separately, and rebuildable: deleting the
/// folder loses nothing.
/// </summary>
public sealed class DiskScanStore(ImagingOptions options) : IScanStore
{
    public string Root { get; } = Path.GetFullPath(options.StoreFolder);

    public string DerivedFolder => Path.Combine(Root, "derived");

    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var hash = HashOf(content.Span);
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return hash;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written under a temporary name and moved: a reader never sees half a file, and two nodes
        // storing the same content race harmlessly to the same bytes.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return hash;
    }

    public async Task<byte[]> GetAsync(string hash, CancellationToken cancellationToken)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new ScanStoreException($"The original scan file {hash} is missing from the store; restore it from the backup.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (!string.Equals(HashOf(bytes), hash, StringComparison.Ordinal))
        {
            throw new ScanStoreException($"The original scan file {hash} no longer matches its hash; it was altered on disk and must be restored from the backup.");
        }

        return bytes;
    }

    public Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(hash)));

    private string PathOf(string hash)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ScanStoreException($"'{hash[..Math.Min(hash.Length, 70)]}' is not a SHA-256 in lower-case hex.");
        }

        return Path.Combine(Root, "originals", hash[..2], hash[2..4], hash);
    }
}
