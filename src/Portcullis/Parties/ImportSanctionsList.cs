using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Ingest;
using Portcullis.Parties.Sanctions;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// Imports one version of a sanctions list (`portcullis sanctions import FILE --source S`,
/// `POST /api/v1/sanctions/lists?source=S`, the drop folder): the whole file is read first; only a
/// file read without error becomes a version, active at once together with all its entries, in the
/// caller's unit of work, while the source's previous version is deactivated in the same transaction.
/// A file that cannot be read changes nothing. The same file again (same SHA-256) is "already imported".
/// </summary>
public static class ImportSanctionsList
{
    public sealed record ImportResult(string Source, string Version, DateTime? PublishedAt, int Entries, bool AlreadyImported, string? Replaces, string FileSha256, IReadOnlyList<string> Warnings);

    public sealed record VersionView(long Id, string Source, string Version, DateTime? PublishedAt, DateTime ImportedAt, string ImportedBy, string FileSha256, int Entries, bool Active);

    internal static readonly JsonSerializerOptions EntryJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Administrators and supervisors, in person: a list decides who customs stops.</summary>
    public static bool MayImport(CurrentUser? user) => user is { IsSystem: false } && user.Role is Roles.Administrator or Roles.Supervisor;

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(string? source, HttpContext context, PortcullisDb db, TimeProvider clock, IngestOptions ingest, SanctionsFormats formats, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        if (ParseSource(source) is not { } parsed)
        {
            return SourceRefusal(source).ToProblem("Unknown source.");
        }

        var spooled = await Spool.RequestBodyAsync(context, ingest, cancellationToken);
        if (spooled.Path is null)
        {
            return TypedResults.Problem(spooled.TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large.");
        }

        try
        {
            var result = await ApplyAsync(db, clock, formats, user.Name, user.OrganisationId, parsed, spooled.Path, "the upload", cancellationToken);
            return result.Value is { } imported ? TypedResults.Ok(imported) : result.Refusal!.ToProblem("The list was not imported.");
        }
        finally
        {
            Spool.Delete(spooled.Path);
        }
    }

    public static SanctionsSource? ParseSource(string? source) => source?.Trim().ToLowerInvariant() switch
    {
        "eu" => SanctionsSource.Eu,
        "un" => SanctionsSource.Un,
        "ofac" => SanctionsSource.Ofac,
        "ftm" => SanctionsSource.Ftm,
        _ => null,
    };

    public static Refusal SourceRefusal(string? source) =>
        Refusal.Invalid($"The source '{Echo.Of(source)}' is not known; use eu, un, ofac or ftm.");

    public static async Task<Outcome<ImportResult>> ApplyAsync(PortcullisDb db, TimeProvider clock, SanctionsFormats formats, string actor, Guid? organisationId,
        SanctionsSource source, string path, string fileName, CancellationToken cancellationToken)
    {
        string sha;
        await using (var file = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        }

        var current = await db.SanctionsListVersions.Where(v => v.Source == source && v.Active).SingleOrDefaultAsync(cancellationToken);
        var same = await db.SanctionsListVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Source == source && v.FileSha256 == sha, cancellationToken);
        if (same is not null)
        {
            return new ImportResult(Name(source), same.Version, same.PublishedAt, same.EntryCount, true, null, sha, []);
        }

        if (formats.ReaderFor(source) is not { } reader)
        {
            return Refusal.Invalid($"This build has no reader for the {Name(source)} list format; import the list as FollowTheMoney JSON (--source ftm) or use a build with the readers.");
        }

        SanctionsListResult read;
        await using (var file = File.OpenRead(path))
        {
            read = reader.Read(file, cancellationToken);
        }

        var keeps = current is null ? "nothing was imported" : $"version {current.Version} stays active";
        if (read.Error is { } error || read.List is null)
        {
            return Refusal.Invalid($"{fileName} is not a readable {Name(source)} list ({read.Error?.ToString() ?? "no list"}); {keeps}. Check that --source matches the file and that the download is complete.");
        }

        var list = read.List;
        if (list.Entries.Count == 0)
        {
            return Refusal.Invalid($"{fileName} holds no entries; {keeps}. An empty list would lift every designation: check the download.");
        }

        var warnings = read.Warnings.Select(w => w.ToString()).ToList();
        var entries = new List<SanctionsListEntry>(list.Entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in list.Entries)
        {
            if (string.IsNullOrWhiteSpace(entry.EntryId) || entry.EntryId.Length > 200)
            {
                return Refusal.Invalid($"{fileName}: an entry named '{Echo.Of(entry.Name)}' has no usable id; {keeps}. Check the file.");
            }

            if (!seen.Add(entry.EntryId))
            {
                warnings.Add($"entry {entry.EntryId} appears twice; the first is kept");
                continue;
            }

            entries.Add(new SanctionsListEntry
            {
                EntryId = entry.EntryId,
                Name = entry.Name.Length > 1000 ? entry.Name[..1000] : entry.Name,
                ContentHash = entry.ContentHash,
                Json = JsonSerializer.Serialize(entry, EntryJson),
            });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var version = string.IsNullOrWhiteSpace(list.Version) ? now.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture) : list.Version.Trim();
        if (current is not null)
        {
            current.Active = false;
            current.RowVersion++;
        }

        var row = new SanctionsListVersion
        {
            Source = source,
            Version = version.Length > 100 ? version[..100] : version,
            PublishedAt = list.PublishedAt?.UtcDateTime,
            ImportedAt = now,
            ImportedBy = actor,
            FileSha256 = sha,
            EntryCount = entries.Count,
            Active = true,
            Entries = entries,
        };
        db.SanctionsListVersions.Add(row);
        AuditLog.Record(db, clock, actor, organisationId, "sanctions.list.import", $"sanctions list {Name(source)}",
            $"version {row.Version}, {entries.Count} entries, sha256 {sha}{(current is null ? "" : $"; replaces version {current.Version}")}");
        Outbox.Add(db, clock, new SanctionsListActivated(Name(source), row.Version, sha));
        return new ImportResult(Name(source), row.Version, row.PublishedAt, entries.Count, false, current?.Version, sha, warnings);
    }

    public static async Task<Ok<IReadOnlyList<VersionView>>> ListAsync(PortcullisDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, cancellationToken));

    public static async Task<IReadOnlyList<VersionView>> QueryAsync(PortcullisDb db, CancellationToken cancellationToken) =>
        [.. (await db.SanctionsListVersions.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(v => v.Source).ThenByDescending(v => v.ImportedAt).ThenByDescending(v => v.Id)
            .Select(v => new VersionView(v.Id, Name(v.Source), v.Version, v.PublishedAt, v.ImportedAt, v.ImportedBy, v.FileSha256, v.EntryCount, v.Active))];

    public static string Name(SanctionsSource source) => source.ToString().ToLowerInvariant();
}
