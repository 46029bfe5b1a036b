using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Portcullis.Audit;

namespace Portcullis.Tests.Access;

/// <summary>The hash chain and checkpoint signatures as pure functions: no database.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTime Start = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2, "portcullis.audit.v2")]
    [InlineData(1, "portcullis.audit.v1")]
    public void Hash_is_sha256_over_length_prefixed_utf8_fields(int format, string tag)
    {
        var org = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        var at = Start.AddTicks(1234567);
        byte[] expectedInput =
        [
            .. Field(Encoding.ASCII.GetBytes(tag)),
            .. Field(BigEndian(7)),
            .. Field(BigEndian(at.Ticks - 7)),
            .. Field(Encoding.UTF8.GetBytes("analist.één")),
            .. Field(Encoding.UTF8.GetBytes("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")),
            .. Field("risk.profile.activate"u8.ToArray()),
            .. Field("profile reefer v2"u8.ToArray()),
            .. Field("because"u8.ToArray()),
            .. Field(Encoding.ASCII.GetBytes(AuditChain.Genesis)),
        ];

        var hash = AuditChain.ComputeHash(7, at, "analist.één", org, "risk.profile.activate", "profile reefer v2", "because", AuditChain.Genesis, format);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expectedInput)), hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Moving_text_from_one_field_to_the_next_changes_the_hash()
    {
        var a = AuditChain.ComputeHash(1, Start, "ab", null, "c", "s", "", AuditChain.Genesis);
        var b = AuditChain.ComputeHash(1, Start, "a", null, "bc", "s", "", AuditChain.Genesis);
        var noOrg = AuditChain.ComputeHash(1, Start, "a", null, "b", "s", "", AuditChain.Genesis);
        var emptyOrg = AuditChain.ComputeHash(1, Start, "a", Guid.Empty, "b", "s", "", AuditChain.Genesis);
        Assert.NotEqual(a, b);
        Assert.NotEqual(noOrg, emptyOrg);
    }

    [Fact]
    public void Time_counts_in_whole_microseconds_as_postgresql_stores_it()
    {
        var stored = AuditChain.ComputeHash(1, Start.AddTicks(120), "a", null, "b", "s", "", AuditChain.Genesis);
        Assert.Equal(stored, AuditChain.ComputeHash(1, Start.AddTicks(129), "a", null, "b", "s", "", AuditChain.Genesis));
        Assert.NotEqual(stored, AuditChain.ComputeHash(1, Start.AddTicks(130), "a", null, "b", "s", "", AuditChain.Genesis));
        Assert.Equal(Start.AddTicks(120), AuditChain.ToMicroseconds(Start.AddTicks(129)));
    }

    [Fact]
    public void Long_details_hash_like_short_ones()
    {
        var detail = new string('x', 100_000) + "ä";
        var direct = Convert.ToHexStringLower(SHA256.HashData([
            .. Field("portcullis.audit.v2"u8.ToArray()), .. Field(BigEndian(1)), .. Field(BigEndian(Start.Ticks)), .. Field("a"u8.ToArray()), .. Field([]),
            .. Field("b"u8.ToArray()), .. Field("s"u8.ToArray()), .. Field(Encoding.UTF8.GetBytes(detail)), .. Field(Encoding.ASCII.GetBytes(AuditChain.Genesis))]));
        Assert.Equal(direct, AuditChain.ComputeHash(1, Start, "a", null, "b", "s", detail, AuditChain.Genesis));
    }

    [Fact]
    public void An_intact_chain_with_checkpoints_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rows = Chain(6);
        var result = AuditChain.Verify(rows, [Checkpoint(key, rows[2], 1), Checkpoint(key, rows[5], 2)], key);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(6, result.Entries);
        Assert.Equal(6, result.LastCheckpointSequence);
        Assert.Equal("Audit log intact: 6 entries, 2 checkpoints, last checkpoint at sequence 6 (2026-11-22 10:00:00 UTC).", result.Summary);
    }

    [Fact]
    public void An_edited_entry_is_named()
    {
        var rows = Chain(5);
        rows[2] = With(rows[2], detail: "nothing happened");
        var result = AuditChain.Verify(rows, [], null);
        Assert.False(result.Intact);
        Assert.Equal(AuditDefect.Edited, result.Defect);
        Assert.Equal(3, result.BadSequence);
        Assert.Equal(103, result.BadEntryId);
        Assert.Contains("entry 3 (id 103) was edited", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_replaced_with_its_hash_recomputed_breaks_the_link_to_the_next()
    {
        var rows = Chain(5);
        var forged = With(rows[1], detail: "innocent");
        forged.Hash = AuditChain.ComputeHash(forged);
        rows[1] = forged;
        var result = AuditChain.Verify(rows, [], null);
        Assert.Equal(AuditDefect.BrokenLink, result.Defect);
        Assert.Equal(3, result.BadSequence);
    }

    [Fact]
    public void A_deleted_entry_leaves_a_gap_that_is_named()
    {
        var rows = Chain(5);
        rows.RemoveAt(1);
        var result = AuditChain.Verify(rows, [], null);
        Assert.Equal(AuditDefect.Deleted, result.Defect);
        Assert.Equal(2, result.BadSequence);
        Assert.Contains("entry 2 is missing before entry 3 (id 103)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rewritten_chain_contradicts_its_signed_checkpoint()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rows = Chain(5);
        var checkpoint = Checkpoint(key, rows[3], 1);
        // The attacker edits entry 2 and recomputes every hash after it: the chain is self-consistent again.
        rows[1] = With(rows[1], detail: "innocent");
        for (var i = 1; i < rows.Count; i++)
        {
            rows[i].PreviousHash = rows[i - 1].Hash;
            rows[i].Hash = AuditChain.ComputeHash(rows[i]);
        }

        Assert.True(AuditChain.Verify(rows, [], null).Intact);
        var result = AuditChain.Verify(rows, [checkpoint], key);
        Assert.Equal(AuditDefect.CheckpointMismatch, result.Defect);
        Assert.Equal(4, result.BadSequence);
    }

    [Fact]
    public void Deleting_the_tail_behind_a_checkpoint_is_detected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rows = Chain(6);
        var checkpoint = Checkpoint(key, rows[5], 1);
        var result = AuditChain.Verify(rows.Take(4), [checkpoint], key);
        Assert.Equal(AuditDefect.CheckpointBeyondTail, result.Defect);
        Assert.Equal(5, result.BadSequence);
        Assert.Contains("entries 5 to 6 were deleted", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_signed_by_another_key_or_altered_is_detected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rows = Chain(4);
        var genuine = Checkpoint(key, rows[3], 1);
        // Signed by the attacker's key but claiming the real key's id.
        var forged = new AuditCheckpoint { Id = 2, Sequence = 3, Hash = rows[2].Hash, At = genuine.At, KeyId = genuine.KeyId, Signature = AuditChain.Sign(attacker, 3, rows[2].Hash, genuine.At, genuine.KeyId) };
        var ownKey = Checkpoint(attacker, rows[1], 3);
        var moved = new AuditCheckpoint { Id = 4, Sequence = 2, Hash = rows[1].Hash, At = genuine.At, KeyId = genuine.KeyId, Signature = genuine.Signature };

        Assert.True(AuditChain.Verify(rows, [genuine], key).Intact);
        var result = AuditChain.Verify(rows, [genuine, forged], key);
        Assert.Equal(AuditDefect.BadCheckpointSignature, result.Defect);
        Assert.Equal(3, result.BadSequence);
        Assert.Contains("checkpoint 2 at sequence 3", result.Summary, StringComparison.Ordinal);
        var other = AuditChain.Verify(rows, [ownKey], key);
        Assert.Equal(AuditDefect.BadCheckpointSignature, other.Defect);
        Assert.Contains(AuditChain.KeyId(attacker), other.Summary, StringComparison.Ordinal);
        Assert.Equal(AuditDefect.BadCheckpointSignature, AuditChain.Verify(rows, [moved], key).Defect);
    }

    [Fact]
    public void A_public_key_alone_verifies_what_the_private_key_signed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var publicOnly = ECDsa.Create();
        publicOnly.ImportFromPem(key.ExportSubjectPublicKeyInfoPem());
        var rows = Chain(3);
        Assert.Equal(AuditChain.KeyId(key), AuditChain.KeyId(publicOnly));
        Assert.True(AuditChain.Verify(rows, [Checkpoint(key, rows[2], 1)], publicOnly).Intact);
    }

    internal static List<AuditEntry> Chain(int count)
    {
        var rows = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry
            {
                Id = 100 + i,
                Sequence = i,
                At = Start.AddMinutes(i),
                Actor = i % 2 == 0 ? "supervisor" : "analyst",
                OrganisationId = i % 3 == 0 ? null : Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
                Action = "risk.profile.activate",
                Subject = $"profile p{i}",
                Detail = $"reason {i}",
                PreviousHash = previous,
            };
            entry.Hash = AuditChain.ComputeHash(entry);
            previous = entry.Hash;
            rows.Add(entry);
        }

        return rows;
    }

    private static AuditCheckpoint Checkpoint(ECDsa key, AuditEntry at, long id)
    {
        var keyId = AuditChain.KeyId(key);
        var time = Start.AddHours(1);
        return new AuditCheckpoint { Id = id, Sequence = at.Sequence, Hash = at.Hash, At = time, KeyId = keyId, Signature = AuditChain.Sign(key, at.Sequence, at.Hash, time, keyId) };
    }

    private static AuditEntry With(AuditEntry e, string detail) => new()
    {
        Id = e.Id,
        Sequence = e.Sequence,
        At = e.At,
        Actor = e.Actor,
        OrganisationId = e.OrganisationId,
        Action = e.Action,
        Subject = e.Subject,
        Detail = detail,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };

    private static byte[] Field(byte[] bytes)
    {
        var result = new byte[4 + bytes.Length];
        BinaryPrimitives.WriteInt32BigEndian(result, bytes.Length);
        bytes.CopyTo(result, 4);
        return result;
    }

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
