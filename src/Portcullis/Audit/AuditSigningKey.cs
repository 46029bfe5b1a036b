using System.Security.Cryptography;
using System.Text.Json;
using Portcullis.Hosting;

namespace Portcullis.Audit;

/// <summary>One public key of the ring and until when it was valid (null: it is the current key).</summary>
public sealed record AuditPublicKey(string KeyId, ECDsa Key, DateTime? RetiredAt);

/// <summary>The public keys a verification accepts, each for the checkpoints of its own time.</summary>
public sealed class AuditKeyRing(IReadOnlyList<AuditPublicKey> keys) : IDisposable
{
    public IReadOnlyList<AuditPublicKey> Keys { get; } = keys;

    /// <summary>One key trusted for every time: an auditor's own copy given with --public-key.</summary>
    public static AuditKeyRing Of(ECDsa key) => new([new AuditPublicKey(AuditChain.KeyId(key), key, null)]);

    public AuditPublicKey? Find(string keyId) => Keys.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));

    public void Dispose()
    {
        foreach (var key in Keys)
        {
            key.Key.Dispose();
        }
    }
}

/// <summary>
/// The checkpoint signing key: a PEM file in the keys folder (beside the data-protection keys),
/// readable by its owner only, with the public half beside it for auditors and a key ring
/// (audit-signing-keys.json) that keeps every earlier public key with the time it was retired.
/// The key is created only for a new, empty chain (<see cref="AuditCheckpoints.EnsureSigningKeyAsync"/>);
/// a key that goes missing later is replaced only by <see cref="Rotate"/>, an audited act.
/// </summary>
public sealed class AuditSigningKey(string folder)
{
    public const string PrivateFileName = "audit-signing-key.pem";
    public const string PublicFileName = "audit-signing-key.pub.pem";
    public const string RingFileName = "audit-signing-keys.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder { get; } = folder;

    public string PrivateFile => Path.Combine(Folder, PrivateFileName);

    public string PublicFile => Path.Combine(Folder, PublicFileName);

    public string RingFile => Path.Combine(Folder, RingFileName);

    public bool Exists => File.Exists(PrivateFile);

    /// <summary>
    /// The private key, read afresh each time so that every node signs with the new key as soon as
    /// it was rotated. Throws <see cref="UserFacingException"/> naming the fix when it is missing.
    /// </summary>
    public ECDsa Private()
    {
        if (!Exists)
        {
            throw Missing("");
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(PrivateFile));
        return key;
    }

    /// <summary>The current public key from the public PEM, else derived from the private one; null when neither exists.</summary>
    public ECDsa? Public()
    {
        if (File.Exists(PublicFile))
        {
            return ReadPublic(PublicFile);
        }

        if (!Exists)
        {
            return null;
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(PrivateFile));
        return key;
    }

    /// <summary>Every public key this folder knows, with retirement times; null when it knows none.</summary>
    public AuditKeyRing? Ring()
    {
        if (File.Exists(RingFile))
        {
            return ToRing(ReadRingFile(RingFile));
        }

        // Folders from before the ring: the one key there is, for every time.
        return Public() is { } current ? AuditKeyRing.Of(current) : null;
    }

    /// <summary>Reads a PEM public key; throws <see cref="CryptographicException"/> or <see cref="ArgumentException"/> when it is none.</summary>
    public static ECDsa ReadPublic(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    /// <summary>Reads a key ring file as written beside the key; throws <see cref="JsonException"/> or <see cref="CryptographicException"/> when it is none.</summary>
    public static AuditKeyRing ReadRing(string path) => ToRing(ReadRingFile(path));

    public UserFacingException Missing(string why) =>
        new($"The audit signing key {PrivateFile} is missing{why}; restore it from backup, or start a new key with 'portcullis audit rotate-key --reason R' (recorded in the audit log).");

    /// <summary>Creates the first key pair; false when there already is one (also when another process made it first).</summary>
    public bool CreateFirst(TimeProvider clock)
    {
        if (Exists)
        {
            return false;
        }

        Directory.CreateDirectory(Folder);
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temporary = WritePrivateTemporary(fresh);
        try
        {
            File.Move(temporary, PrivateFile, overwrite: false);
        }
        catch (IOException)
        {
            // Another process created the key first; use theirs.
            File.Delete(temporary);
            return false;
        }

        var ring = File.Exists(RingFile) ? ReadRingFile(RingFile) : [];
        WriteAtomically(RingFile, JsonSerializer.Serialize(ring.Append(Entry(fresh, clock)).ToList(), Json));
        WriteAtomically(PublicFile, fresh.ExportSubjectPublicKeyInfoPem());
        return true;
    }

    /// <summary>
    /// Replaces the key pair: the old public keys stay in the ring, retired now, so that the
    /// checkpoints they signed still verify and nothing they sign later does. The old private key
    /// is overwritten. Returns the retired key ids (none when the old key was lost without a
    /// public copy) and the new key id.
    /// </summary>
    public (IReadOnlyList<string> Retired, string Created) Rotate(TimeProvider clock, string reason)
    {
        Directory.CreateDirectory(Folder);
        var now = AuditChain.ToMicroseconds(clock.GetUtcNow().UtcDateTime);
        List<RingEntry> ring = File.Exists(RingFile) ? [.. ReadRingFile(RingFile)] : [];
        if (ring.Count == 0 && Public() is { } old)
        {
            using (old)
            {
                ring.Add(Entry(old, clock));
            }
        }

        var retired = ring.Where(e => e.RetiredAt is null).Select(e => e.KeyId).ToList();
        ring = [.. ring.Select(e => e.RetiredAt is null ? e with { RetiredAt = now, RetiredBecause = reason } : e)];
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ring.Add(Entry(fresh, clock));
        // The ring first: should the rest fail, the old key is already retired, never trusted longer.
        WriteAtomically(RingFile, JsonSerializer.Serialize(ring, Json));
        File.Move(WritePrivateTemporary(fresh), PrivateFile, overwrite: true);
        WriteAtomically(PublicFile, fresh.ExportSubjectPublicKeyInfoPem());
        return (retired, AuditChain.KeyId(fresh));
    }

    private sealed record RingEntry(string KeyId, string PublicKey, DateTime CreatedAt, DateTime? RetiredAt = null, string? RetiredBecause = null);

    private static RingEntry Entry(ECDsa key, TimeProvider clock) =>
        new(AuditChain.KeyId(key), key.ExportSubjectPublicKeyInfoPem(), AuditChain.ToMicroseconds(clock.GetUtcNow().UtcDateTime));

    private static List<RingEntry> ReadRingFile(string path) =>
        JsonSerializer.Deserialize<List<RingEntry>>(File.ReadAllText(path), Json) ?? throw new JsonException($"{path} holds no key ring.");

    private static AuditKeyRing ToRing(List<RingEntry> entries) => new([.. entries.Select(e =>
    {
        var key = ECDsa.Create();
        key.ImportFromPem(e.PublicKey);
        return new AuditPublicKey(AuditChain.KeyId(key), key, e.RetiredAt);
    })]);

    // Written to a private temporary file and moved into place, so that a second process never
    // reads half a key and the key is never readable by others, not even briefly.
    private string WritePrivateTemporary(ECDsa key)
    {
        var temporary = PrivateFile + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(temporary, options);
        writer.Write(key.ExportPkcs8PrivateKeyPem());
        return temporary;
    }

    private static void WriteAtomically(string path, string content)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
