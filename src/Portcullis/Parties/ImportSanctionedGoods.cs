using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Ingest;
using Portcullis.Parties.Sanctions.Goods;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// Imports a version of the sanctioned-goods code list (`portcullis sanctions goods import FILE`,
/// `POST /api/v1/sanctions/goods`): CSV with the built-in file's columns
/// (code,direction,country,annex,reference,date,description). The whole file is read first; only a
/// file without error becomes the active version, in the caller's unit of work, and the previous
/// version is deactivated in the same transaction. A file that cannot be read changes nothing; the
/// same file again is "already imported". Every node's risk engine reloads through the outbox.
/// </summary>
public static class ImportSanctionedGoods
{
    /// <summary>Annex lists are a few thousand rows; a file far larger is not one.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    public sealed record ImportResult(string FileName, int Rules, bool AlreadyImported, string FileSha256, string Replaces);

    public sealed record VersionView(long? Id, string FileName, DateTime? ImportedAt, string? ImportedBy, string? FileSha256, int Rules, bool Active);

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(HttpContext context, PortcullisDb db, TimeProvider clock, IngestOptions ingest, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var spooled = await Spool.RequestBodyAsync(context, ingest, cancellationToken);
        if (spooled.Path is null)
        {
            return TypedResults.Problem(spooled.TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large.");
        }

        try
        {
            var result = await ApplyAsync(db, clock, user.Name, user.OrganisationId, spooled.Path, "the upload", cancellationToken);
            return result.Value is { } imported ? TypedResults.Ok(imported) : result.Refusal!.ToProblem("The goods list was not imported.");
        }
        finally
        {
            Spool.Delete(spooled.Path);
        }
    }

    public static async Task<Outcome<ImportResult>> ApplyAsync(PortcullisDb db, TimeProvider clock, string actor, Guid? organisationId, string path, string fileName, CancellationToken cancellationToken)
    {
        var current = await db.SanctionsGoodsVersions.Where(v => v.Active).SingleOrDefaultAsync(cancellationToken);
        var keeps = current is null ? "the built-in excerpt stays in use" : $"version {current.Id} ({current.FileName}) stays active";
        if (new FileInfo(path).Length > MaxBytes)
        {
            return Refusal.Invalid($"{fileName} is larger than {MaxBytes / (1024 * 1024)} MB, far more than the annexes hold; {keeps}. Check that it is the goods list CSV.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var same = await db.SanctionsGoodsVersions.AsNoTracking().SingleOrDefaultAsync(v => v.FileSha256 == sha, cancellationToken);
        if (same is not null)
        {
            return new ImportResult(same.FileName, same.RuleCount, true, sha, "");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return Refusal.Invalid($"{fileName} is not UTF-8 text (byte {e.Index} cannot be read); {keeps}. Save the CSV as UTF-8.");
        }

        var (goods, error) = SanctionedGoods.Parse(new StringReader(text));
        if (goods is null)
        {
            return Refusal.Invalid($"{fileName} is not a sanctioned-goods list: {error} {keeps}.");
        }

        if (current is not null)
        {
            current.Active = false;
            current.RowVersion++;
        }

        var name = Path.GetFileName(fileName);
        var row = new SanctionsGoodsVersion
        {
            FileName = name.Length > 260 ? name[..260] : name,
            ImportedAt = clock.GetUtcNow().UtcDateTime,
            ImportedBy = actor,
            FileSha256 = sha,
            RuleCount = goods.Rules.Count,
            Csv = text,
            Active = true,
        };
        db.SanctionsGoodsVersions.Add(row);
        AuditLog.Record(db, clock, actor, organisationId, "sanctions.goods.import", "sanctioned goods list",
            $"{row.FileName}, {row.RuleCount} rules, sha256 {sha}{(current is null ? "; replaces the built-in excerpt" : $"; replaces version {current.Id} ({current.FileName})")}");
        Outbox.Add(db, clock, new SanctionedGoodsActivated(sha, row.RuleCount));
        return new ImportResult(row.FileName, row.RuleCount, false, sha, current is null ? "the built-in excerpt" : $"version {current.Id} ({current.FileName})");
    }

    public static async Task<Ok<IReadOnlyList<VersionView>>> ListAsync(PortcullisDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, cancellationToken));

    /// <summary>The imported versions, newest first, and the built-in excerpt (active when no version is).</summary>
    public static async Task<IReadOnlyList<VersionView>> QueryAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        var versions = (await db.SanctionsGoodsVersions.AsNoTracking()
                .Select(v => new { v.Id, v.FileName, v.ImportedAt, v.ImportedBy, v.FileSha256, v.RuleCount, v.Active })
                .ToListAsync(cancellationToken))
            .OrderByDescending(v => v.ImportedAt).ThenByDescending(v => v.Id)
            .Select(v => new VersionView(v.Id, v.FileName, v.ImportedAt, v.ImportedBy, v.FileSha256, v.RuleCount, v.Active))
            .ToList();
        versions.Add(new VersionView(null, "built-in excerpt (eu-russia-belarus.csv)", null, null, null, SanctionedGoods.BuiltIn.Rules.Count, !versions.Any(v => v.Active)));
        return versions;
    }

    /// <summary>The rules that apply now: the active imported version, else the built-in excerpt.</summary>
    public static async Task<SanctionedGoods> ActiveAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        var csv = await db.SanctionsGoodsVersions.AsNoTracking().Where(v => v.Active).Select(v => v.Csv).SingleOrDefaultAsync(cancellationToken);
        // A stored version was read without error when it was imported; should it no longer read (a
        // newer build stricter than the one that imported it), the excerpt applies rather than nothing.
        return csv is not null && SanctionedGoods.Parse(new StringReader(csv)).Goods is { } goods ? goods : SanctionedGoods.BuiltIn;
    }
}
