using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Portcullis.Audit;

/// <summary>What is wrong with the audit log, if anything.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditDefect>))]
public enum AuditDefect
{
    None,

    /// <summary>An entry's fields no longer match its own hash.</summary>
    Edited,

    /// <summary>A gap in the sequence: entries were deleted.</summary>
    Deleted,

    /// <summary>An entry does not carry its predecessor's hash: a row was replaced with its hash recomputed.</summary>
    BrokenLink,

    /// <summary>A row without a hash: Portcullis seals every entry it writes, so it was inserted outside Portcullis.</summary>
    Unsealed,

    /// <summary>An entry dated before its predecessor: Portcullis never writes one, so it was inserted outside Portcullis.</summary>
    BackDated,

    /// <summary>A checkpoint whose signature does not verify with the public key.</summary>
    BadCheckpointSignature,

    /// <summary>A correctly signed checkpoint names a different hash than the chain has at its sequence: the chain was rewritten.</summary>
    CheckpointMismatch,

    /// <summary>A correctly signed checkpoint names a sequence beyond the last entry: the tail was deleted.</summary>
    CheckpointBeyondTail,

    /// <summary>A checkpoint of the external checkpoint log is not in the database: checkpoints were deleted.</summary>
    CheckpointMissing,

    /// <summary>A line of the external checkpoint log is not a checkpoint: the log was altered.</summary>
    CheckpointLogDamaged,
}

/// <summary>The outcome of a verification; <see cref="Summary"/> is one sentence for people.</summary>
public sealed record AuditVerification(
    bool Intact,
    long Entries,
    int Checkpoints,
    long? LastCheckpointSequence,
    DateTime? LastCheckpointAt,
    AuditDefect Defect,
    long? BadSequence,
    long? BadEntryId,
    string Summary,
    int? ExternalCheckpoints = null);

/// <summary>
/// The hash chain and checkpoint signatures as pure functions: no database, no files, so that they
/// can be tested and reasoned about alone. The encoding is described in docs/AUDIT.md; changing it
/// breaks every stored chain.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// Format 2 (tag portcullis.audit.v2) marks entries whose time never goes back: from the first
    /// format-2 entry on, every entry is format 2 and dated no earlier than its predecessor. Format 1
    /// is what chains before that wrote, and what sealed legacy rows keep.
    /// </summary>
    public const int CurrentFormat = 2;

    private static readonly byte[] EntryTagV1 = "portcullis.audit.v1"u8.ToArray();
    private static readonly byte[] EntryTagV2 = "portcullis.audit.v2"u8.ToArray();
    private static readonly byte[] CheckpointTag = "portcullis.audit.checkpoint.v1"u8.ToArray();

    /// <summary>PostgreSQL keeps microseconds; hashing whole microseconds makes both providers agree.</summary>
    public static DateTime ToMicroseconds(DateTime at) => new(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc);

    /// <summary>SHA-256 over length-prefixed fields (4-byte big-endian length, then the bytes), as 64 lowercase hex characters.</summary>
    public static string ComputeHash(long sequence, DateTime at, string actor, Guid? organisationId, string action, string subject, string detail, string previousHash, int format = CurrentFormat)
    {
        var writer = new FieldWriter(stackalloc byte[512]);
        try
        {
            writer.Add(format == 1 ? EntryTagV1 : EntryTagV2);
            writer.Add(sequence);
            writer.Add(ToMicroseconds(at).Ticks);
            writer.Add(actor);
            writer.Add(organisationId is { } org ? org.ToString("D") : "");
            writer.Add(action);
            writer.Add(subject);
            writer.Add(detail);
            writer.Add(previousHash);
            return writer.Sha256Hex();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public static string ComputeHash(AuditEntry e, int format = CurrentFormat) =>
        ComputeHash(e.Sequence, e.At, e.Actor, e.OrganisationId, e.Action, e.Subject, e.Detail, e.PreviousHash, format);

    /// <summary>The bytes a checkpoint's signature covers.</summary>
    public static byte[] CheckpointPayload(long sequence, string hash, DateTime at, string keyId)
    {
        var writer = new FieldWriter(stackalloc byte[256]);
        try
        {
            writer.Add(CheckpointTag);
            writer.Add(sequence);
            writer.Add(hash);
            writer.Add(ToMicroseconds(at).Ticks);
            writer.Add(keyId);
            return writer.Written.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>First 16 hex characters of SHA-256 over the key's SubjectPublicKeyInfo.</summary>
    public static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>ECDSA P-256 with SHA-256, IEEE P1363 (r‖s), base64.</summary>
    public static string Sign(ECDsa privateKey, long sequence, string hash, DateTime at, string keyId) =>
        Convert.ToBase64String(privateKey.SignData(CheckpointPayload(sequence, hash, at, keyId), HashAlgorithmName.SHA256));

    public static bool SignatureValid(ECDsa publicKey, AuditCheckpoint checkpoint)
    {
        var signature = new byte[64];
        return Convert.TryFromBase64String(checkpoint.Signature, signature, out var length)
            && length == 64
            && publicKey.VerifyData(CheckpointPayload(checkpoint.Sequence, checkpoint.Hash, checkpoint.At, checkpoint.KeyId), signature, HashAlgorithmName.SHA256);
    }

    /// <summary>Verifies rows given in Sequence order against the checkpoints; stops at the first defect.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> rows, IReadOnlyList<AuditCheckpoint> checkpoints, ECDsa? publicKey) =>
        Verify(rows, checkpoints, publicKey is null ? null : AuditKeyRing.Of(publicKey), external: null);

    /// <summary>As above, with a key ring and the checkpoints of an external checkpoint log (null: none was read).</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> rows, IReadOnlyList<AuditCheckpoint> checkpoints, AuditKeyRing? keys, IReadOnlyList<AuditCheckpoint>? external)
    {
        var verifier = new AuditChainVerifier(checkpoints, keys, external);
        foreach (var row in rows)
        {
            if (!verifier.Add(row))
            {
                break;
            }
        }

        return verifier.Finish();
    }

    // Writes fields into a stack buffer, moving to a pooled array for long details.
    private ref struct FieldWriter(Span<byte> initial)
    {
        private Span<byte> _buffer = initial;
        private byte[]? _rented;
        private int _length;

        public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

        public void Add(scoped ReadOnlySpan<byte> bytes)
        {
            Ensure(4 + bytes.Length);
            BinaryPrimitives.WriteInt32BigEndian(_buffer[_length..], bytes.Length);
            bytes.CopyTo(_buffer[(_length + 4)..]);
            _length += 4 + bytes.Length;
        }

        public void Add(long value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            Add(bytes);
        }

        public void Add(string text)
        {
            var count = Encoding.UTF8.GetByteCount(text);
            Ensure(4 + count);
            BinaryPrimitives.WriteInt32BigEndian(_buffer[_length..], count);
            Encoding.UTF8.GetBytes(text, _buffer[(_length + 4)..]);
            _length += 4 + count;
        }

        public readonly string Sha256Hex()
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Written, hash);
            return Convert.ToHexStringLower(hash);
        }

        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
                _rented = null;
            }
        }

        private void Ensure(int more)
        {
            if (_length + more <= _buffer.Length)
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
            _buffer[.._length].CopyTo(bigger);
            Dispose();
            _rented = bigger;
            _buffer = bigger;
        }
    }
}

/// <summary>
/// Walks the chain one row at a time, so that a database can stream rows through it in Sequence
/// order without holding them. Checkpoints are few (one per interval) and held in memory: those
/// in the database and, when given, those of the external checkpoint log, which must all be in
/// the database too.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly IReadOnlyList<AuditCheckpoint> _checkpoints;
    private readonly IReadOnlyList<AuditCheckpoint>? _external;
    private readonly HashSet<AuditCheckpoint> _isExternal;
    private readonly Dictionary<long, List<AuditCheckpoint>> _bySequence;
    private readonly AuditKeyRing? _keys;
    private long _expected = 1;
    private string _previousHash = AuditChain.Genesis;
    private long _previousAt = long.MinValue;
    private bool _currentFormatSeen;
    private AuditVerification? _failure;

    public AuditChainVerifier(IReadOnlyList<AuditCheckpoint> checkpoints, ECDsa? publicKey)
        : this(checkpoints, publicKey is null ? null : AuditKeyRing.Of(publicKey), external: null)
    {
    }

    public AuditChainVerifier(IReadOnlyList<AuditCheckpoint> checkpoints, AuditKeyRing? keys, IReadOnlyList<AuditCheckpoint>? external)
    {
        _checkpoints = checkpoints;
        _external = external;
        _isExternal = new HashSet<AuditCheckpoint>(external ?? [], ReferenceEqualityComparer.Instance);
        _bySequence = checkpoints.Concat(external ?? []).GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.ToList());
        _keys = keys;
    }

    /// <summary>Checks the next row; false once a defect is found (further rows are ignored).</summary>
    public bool Add(AuditEntry row)
    {
        if (_failure is not null)
        {
            return false;
        }

        var s = row.Sequence;
        if (s > _expected)
        {
            var missing = s - 1 == _expected ? $"entry {_expected} is" : $"entries {_expected} to {s - 1} are";
            return Fail(AuditDefect.Deleted, _expected, null, $"The audit log was tampered with: {missing} missing before entry {s} (id {row.Id}), so they were deleted.");
        }

        if (s < _expected)
        {
            return Fail(AuditDefect.BrokenLink, s, row.Id, $"The audit log was tampered with: entry {s} (id {row.Id}) repeats a sequence number already used.");
        }

        if (row.Hash.Length == 0)
        {
            // Portcullis hashes every entry it writes in the same transaction; only rows from before
            // the chain existed may lack one, and `audit seal-legacy` is the one way to seal those.
            var legacy = s == 1 ? " If the log predates the hash chain, seal its old entries once with 'portcullis audit seal-legacy --reason R'." : "";
            return Fail(AuditDefect.Unsealed, s, row.Id, $"The audit log was tampered with: entry {s} (id {row.Id}) has no hash, so it was inserted outside Portcullis.{legacy}");
        }

        var current = string.Equals(AuditChain.ComputeHash(row), row.Hash, StringComparison.Ordinal);
        if (!current)
        {
            if (_currentFormatSeen || !string.Equals(AuditChain.ComputeHash(row, format: 1), row.Hash, StringComparison.Ordinal))
            {
                return Fail(AuditDefect.Edited, s, row.Id, $"The audit log was tampered with: entry {s} (id {row.Id}) was edited, its content no longer matches its hash.");
            }
        }

        if (!string.Equals(row.PreviousHash, _previousHash, StringComparison.Ordinal))
        {
            return Fail(AuditDefect.BrokenLink, s, row.Id, $"The audit log was tampered with: entry {s} (id {row.Id}) does not carry the hash of entry {s - 1}, so one of the two was replaced with its hash recomputed.");
        }

        // Format-2 entries are never dated before their predecessor (the appender sees to that), so
        // an entry slipped in afterwards with an earlier time gives itself away.
        if (current && row.At.Ticks < _previousAt)
        {
            return Fail(AuditDefect.BackDated, s, row.Id, $"The audit log was tampered with: entry {s} (id {row.Id}) is dated {Time(row.At)}, before entry {s - 1} ({Time(new DateTime(_previousAt, DateTimeKind.Utc))}), so it was inserted outside Portcullis.");
        }

        if (_bySequence.TryGetValue(s, out var checkpoints))
        {
            foreach (var checkpoint in checkpoints)
            {
                if (!SignatureHolds(checkpoint, out var why))
                {
                    return Fail(AuditDefect.BadCheckpointSignature, s, row.Id, $"The audit log was tampered with: {Name(checkpoint)} at sequence {s} {why}.");
                }

                if (!string.Equals(checkpoint.Hash, row.Hash, StringComparison.Ordinal))
                {
                    var where = _isExternal.Contains(checkpoint) ? " in the external checkpoint log" : "";
                    return Fail(AuditDefect.CheckpointMismatch, s, row.Id, $"The audit log was tampered with: entry {s} (id {row.Id}) differs from the signed checkpoint of {Time(checkpoint.At)}{where}, so the chain up to it was rewritten afterwards.");
                }
            }
        }

        _currentFormatSeen |= current;
        _previousHash = row.Hash;
        _previousAt = row.At.Ticks;
        _expected = s + 1;
        return true;
    }

    public AuditVerification Finish()
    {
        if (_failure is not null)
        {
            return _failure;
        }

        var last = _expected - 1;
        foreach (var checkpoint in _checkpoints.Concat(_external ?? []).Where(c => c.Sequence > last || c.Sequence < 1).OrderBy(c => c.Sequence))
        {
            if (!SignatureHolds(checkpoint, out var why))
            {
                Fail(AuditDefect.BadCheckpointSignature, checkpoint.Sequence, null, $"The audit log was tampered with: {Name(checkpoint)} at sequence {checkpoint.Sequence} {why}.");
                return _failure!;
            }

            if (checkpoint.Sequence > last)
            {
                var gone = checkpoint.Sequence == last + 1 ? $"entry {last + 1} was" : $"entries {last + 1} to {checkpoint.Sequence} were";
                Fail(AuditDefect.CheckpointBeyondTail, last + 1, null, $"The audit log was tampered with: the signed checkpoint of {Time(checkpoint.At)} covers sequence {checkpoint.Sequence} but the log ends at {last}, so {gone} deleted.");
                return _failure!;
            }
        }

        // Every checkpoint written since the external log existed is in it and in the database;
        // one that is only outside was deleted from the database (the database row is written first).
        var inDatabase = _checkpoints.Select(c => (c.Sequence, c.Signature)).ToHashSet();
        if (_external?.FirstOrDefault(e => !inDatabase.Contains((e.Sequence, e.Signature))) is { } deleted)
        {
            var missing = _external.Count(e => !inDatabase.Contains((e.Sequence, e.Signature)));
            Fail(AuditDefect.CheckpointMissing, deleted.Sequence, null, $"The audit log was tampered with: {missing} of the {_external.Count} checkpoints in the external checkpoint log are missing from the database, the first the one of {Time(deleted.At)} at sequence {deleted.Sequence}, so checkpoints were deleted.");
            return _failure!;
        }

        var latest = _checkpoints.OrderBy(c => c.Sequence).ThenBy(c => c.At).LastOrDefault();
        var summary = latest is null
            ? $"Audit log intact: {last} entries, 0 checkpoints."
            : $"Audit log intact: {last} entries, {_checkpoints.Count} checkpoints, last checkpoint at sequence {latest.Sequence} ({Time(latest.At)}).";
        if (_external is not null)
        {
            summary = summary[..^1] + $"; the external checkpoint log's {_external.Count} checkpoints all match.";
        }

        return new AuditVerification(true, last, _checkpoints.Count, latest?.Sequence, latest?.At, AuditDefect.None, null, null, summary, _external?.Count);
    }

    private string Name(AuditCheckpoint checkpoint) =>
        _isExternal.Contains(checkpoint) ? $"the checkpoint on line {checkpoint.Id} of the external checkpoint log" : $"checkpoint {checkpoint.Id}";

    private bool SignatureHolds(AuditCheckpoint checkpoint, out string why)
    {
        if (_keys is null)
        {
            why = "cannot be checked because no public key was given";
            return false;
        }

        var key = _keys.Find(checkpoint.KeyId);
        if (key is null)
        {
            why = $"names signing key {checkpoint.KeyId}, which is not among the given public keys ({string.Join(", ", _keys.Keys.Select(k => k.KeyId))})";
            return false;
        }

        // A retired key may have been stolen: what it signs after its retirement proves nothing.
        if (key.RetiredAt is { } retired && AuditChain.ToMicroseconds(checkpoint.At) > AuditChain.ToMicroseconds(retired))
        {
            why = $"is signed with key {key.KeyId}, which was retired on {Time(retired)}, before the checkpoint's time";
            return false;
        }

        why = "has a signature that does not verify, so it was forged or altered";
        return AuditChain.SignatureValid(key.Key, checkpoint);
    }

    private bool Fail(AuditDefect defect, long sequence, long? id, string summary)
    {
        var latest = _checkpoints.OrderBy(c => c.Sequence).LastOrDefault();
        _failure = new AuditVerification(false, Math.Max(0, _expected - 1), _checkpoints.Count, latest?.Sequence, latest?.At, defect, sequence, id, summary, _external?.Count);
        return false;
    }

    internal static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
