using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Domain.Standards;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// The one way a scan gets in (API, command line, drop folder): limits → reader → refuse in one
/// sentence and store nothing, or store the originals, the row, the audit entry, the outbox event and
/// the preview. The row, audit entry and event are committed by the caller's unit of work; the files
/// are written before that commit. A file without a row (a refusal after storing, a failed commit) is
/// harmless: the store is content-addressed, so it is the same bytes the next upload would write, and
/// nothing points to it.
/// </summary>
public static class ImportScan
{
    /// <summary>How far back a partner's origin scan still waits for its container (<see cref="ScanLinker"/>).</summary>
    public static readonly TimeSpan WaitingWindow = TimeSpan.FromDays(60);

    public sealed record ScanFile(string Name, byte[] Content);

    /// <summary>What the sender says; every field may be missing, then the file's metadata fills it.</summary>
    public sealed record Request(IReadOnlyList<ScanFile> Files, string? SubjectKind = null, string? Subject = null, string? Scanner = null, string? Site = null,
        DateTimeOffset? ScannedAt = null, string? Direction = null, string? SubjectFallback = null);

    /// <summary>Who sends it: our own scanner (or a person of ours), or a partner administration.</summary>
    public sealed record Sender(string Name, Guid? OrganisationId, ScanOrigin Origin, string? Partner);

    /// <summary>The stored scan (or the one already stored with the same files) and where each field came from; or the refusal.</summary>
    public sealed record Outcome(Scan? Scan, bool Duplicate, IReadOnlyDictionary<string, string> Sources, string? Error, bool TooLarge = false)
    {
        public static Outcome Refused(string error, bool tooLarge = false) => new(null, false, new Dictionary<string, string>(), error, tooLarge);
    }

    public static async Task<Outcome> RunAsync(PortcullisDb db, IScanStore store, ScanPreviews previews, ImagingOptions options, TimeProvider clock, Request request, Sender sender, CancellationToken cancellationToken)
    {
        if (request.Files.Count is not (1 or 2))
        {
            return Outcome.Refused("Send one scan file, or two (low and high energy) for a dual-energy scan.");
        }

        ScanPreviews.SilenceOpenCv();
        var images = new List<ScanImage>();
        var warnings = new List<string>();
        foreach (var file in request.Files)
        {
            if (file.Content.LongLength > options.MaxFileBytes)
            {
                return Outcome.Refused($"'{Echo.Of(file.Name)}' is larger than the limit of {options.MaxFileBytes} bytes; send one scan per file, as the scanner wrote it.", tooLarge: true);
            }

            var read = ScanReader.Read(file.Content, options.Limits);
            if (read.Image is null)
            {
                return Outcome.Refused($"'{Echo.Of(file.Name)}': {read.Error?.Message ?? "the file could not be read; send the scanner's file again."}");
            }

            images.Add(read.Image);
            warnings.AddRange(read.Warnings.Select(w => request.Files.Count == 1 ? w.ToString() : $"{file.Name} {w}"));
        }

        var image = images[0];
        if (images.Count == 2)
        {
            var (low, high) = (images[0], images[1]);
            if (low.IsPreviewOnly || high.IsPreviewOnly || low.Frames.Count != 1 || high.Frames.Count != 1)
            {
                return Outcome.Refused("A dual-energy scan as two files needs two single-frame 16-bit images (low energy first, then high); send them as the scanner wrote them.");
            }

            if (low.Width != high.Width || low.Height != high.Height)
            {
                return Outcome.Refused($"The low-energy image is {low.Width}×{low.Height} and the high-energy one {high.Width}×{high.Height}; the two images of a dual-energy scan must be the same size.");
            }

            image = new ScanImage(low.Format, [low.Frames[0], high.Frames[0]], low.Metadata with { Energy = low.Metadata.Energy ?? high.Metadata.Energy });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Pick(string field, string? given, string? fromFile, string? fallback = null, string fallbackSource = "default")
        {
            if (!string.IsNullOrWhiteSpace(given))
            {
                sources[field] = "request";
                return given.Trim();
            }

            if (!string.IsNullOrWhiteSpace(fromFile))
            {
                sources[field] = "file";
                return fromFile.Trim();
            }

            if (!string.IsNullOrWhiteSpace(fallback))
            {
                sources[field] = fallbackSource;
                return fallback.Trim();
            }

            return null;
        }

        var meta = image.Metadata;
        var kindText = Pick("subjectKind", request.SubjectKind, null, "container");
        if (ParseKind(kindText) is not { } kind)
        {
            return Outcome.Refused($"subjectKind '{Echo.Of(kindText)}' is not known; use container, parcel or awb.");
        }

        var subjectText = Pick("subject", request.Subject, meta.Subject, request.SubjectFallback, "file name");
        if (subjectText is null)
        {
            return Outcome.Refused("The scan names no subject; give the container number (or parcel id, or air waybill number) as subject.");
        }

        var (subject, subjectWarning, subjectError) = NormaliseSubject(kind, subjectText);
        if (subjectError is not null)
        {
            return Outcome.Refused(subjectError);
        }

        if (subjectWarning is not null)
        {
            warnings.Add(subjectWarning);
        }

        var scanner = Pick("scanner", request.Scanner, meta.Scanner, sender.Name, "sender");
        if (scanner!.Length > 100)
        {
            return Outcome.Refused("The scanner id is longer than 100 characters; give the scanner's short id.");
        }

        var siteText = Pick("site", request.Site, meta.Site);
        string? site = null;
        if (siteText is not null)
        {
            var parsed = UnLocode.Parse(siteText);
            if (!parsed.Success)
            {
                return Outcome.Refused($"site {Echo.Of(siteText)} is not a UN/LOCODE; give a country code and three characters, such as NLRTM.");
            }

            site = parsed.Value.Value;
        }

        DateTime scannedAt;
        if (request.ScannedAt is { } given)
        {
            sources["scannedAt"] = "request";
            scannedAt = given.UtcDateTime;
        }
        else if (meta.AcquiredAt is { } acquired)
        {
            sources["scannedAt"] = "file";
            scannedAt = acquired.UtcDateTime;
        }
        else
        {
            sources["scannedAt"] = "received";
            scannedAt = now;
        }

        if (scannedAt > now.AddHours(1))
        {
            return Outcome.Refused($"scannedAt {scannedAt:yyyy-MM-dd HH:mm} UTC is in the future; give the time the scanner made the scan (UTC).");
        }

        var direction = Pick("direction", request.Direction, meta.Direction);
        if (direction is { Length: > 40 })
        {
            return Outcome.Refused("direction is longer than 40 characters; give the direction of travel in a word or two.");
        }

        if (sender.Origin == ScanOrigin.Partner && string.IsNullOrWhiteSpace(sender.Partner))
        {
            return Outcome.Refused("A partner scan needs the partner administration's name; give it with --partner.");
        }

        // Stored before the row: see the class summary for why a file without a row is harmless.
        var hashes = new List<string>();
        foreach (var file in request.Files)
        {
            hashes.Add(await store.PutAsync(file.Content, cancellationToken));
        }

        var sameSubject = await db.Scans.Where(s => s.Subject == subject).ToListAsync(cancellationToken);
        if (sameSubject.FirstOrDefault(s => s.FileHashes.SequenceEqual(hashes, StringComparer.Ordinal)) is { } existing)
        {
            // The same files again (a scanner's retry, the drop folder after a crash): one scan, answered again.
            return new Outcome(existing, true, sources, null);
        }

        var energy = meta.Energy ?? image.Frames.Select(f => f.Energy).FirstOrDefault(e => e is not null);
        var scan = new Scan
        {
            Id = Guid.CreateVersion7(),
            SubjectKind = kind,
            Subject = subject,
            ScannerId = scanner,
            Site = site,
            ScannedAt = scannedAt,
            ReceivedAt = now,
            Origin = sender.Origin,
            Partner = sender.Origin == ScanOrigin.Partner ? Clip(sender.Partner!.Trim(), 100) : null,
            Format = image.Format,
            PreviewOnly = image.IsPreviewOnly,
            Width = image.Width,
            Height = image.Height,
            FrameCount = image.Frames.Count,
            Energy = energy is null ? null : Clip(energy, 60),
            PixelSpacingX = meta.PixelSpacingX,
            PixelSpacingY = meta.PixelSpacingY,
            Direction = direction,
            FileHashes = hashes,
            SubmittedBy = Clip(sender.Name, 100),
            Warnings = [.. warnings.Take(50).Select(w => Clip(w, 150))],
        };
        if (scan.PreviewOnly)
        {
            scan.Warnings.Add("An 8-bit image: kept as a low-quality preview only, never analysed as a scan.");
        }

        db.Scans.Add(scan);
        AuditLog.Record(db, clock, sender.Name, sender.OrganisationId, "scan.stored", AuditSubject.Of(scan),
            $"scan {scan.Id}: {scan.Format}{(scan.PreviewOnly ? " preview only" : "")} {scan.Width}×{scan.Height}×{scan.FrameCount}, {scan.Origin}{(scan.Partner is null ? "" : " " + scan.Partner)}, sha256 {string.Join(" ", hashes)}");
        Outbox.Add(db, clock, new ScanStored(scan.Id, scan.SubjectKind.ToString(), scan.Subject, scan.Origin.ToString(), scan.ScannedAt));
        await previews.StoreAsync(scan, image.Frames[^1], cancellationToken);
        // The frames just decoded go to the derived folder too, so the viewer's first opening does not
        // decode the original again (about a second of the cold first paint; docs/BENCHMARKS.md).
        if (store is DiskScanStore disk)
        {
            for (var i = 0; i < image.Frames.Count; i++)
            {
                var (hash, frameInFile) = hashes.Count == 2 ? (hashes[i], 0) : (hashes[0], i);
                await ScanFrames.StoreDecodedAsync(disk, hash, frameInFile, image.Frames[i], cancellationToken);
            }
        }

        return new Outcome(scan, false, sources, null);
    }

    public static ScanSubjectKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "") switch
    {
        "container" => ScanSubjectKind.Container,
        "parcel" => ScanSubjectKind.Parcel,
        "awb" or "airwaybill" => ScanSubjectKind.AirWaybill,
        _ => null,
    };

    /// <summary>
    /// Container numbers in canonical ISO 6346 form (upper case, no spaces); a number whose only fault
    /// is its check digit is kept as given, with a warning, never corrected (a typing error must stay
    /// visible, and the real number may be either). Parcels and air waybills: upper case, letters,
    /// digits and hyphens.
    /// </summary>
    public static (string Subject, string? Warning, string? Error) NormaliseSubject(ScanSubjectKind kind, string text)
    {
        var compact = new string([.. text.Where(c => c is not (' ' or '\t'))]).ToUpperInvariant();
        if (kind == ScanSubjectKind.Container)
        {
            compact = compact.Replace("-", "", StringComparison.Ordinal);
            var parsed = ContainerNumber.Parse(compact);
            if (parsed.Success)
            {
                return (parsed.Value.Value, null, null);
            }

            var shaped = compact.Length == 11 && compact[..4].All(char.IsAsciiLetterUpper) && compact[3] is 'U' or 'J' or 'Z' && compact[4..].All(char.IsAsciiDigit);
            return shaped
                ? (compact, $"The container number {compact} fails its ISO 6346 check digit; kept as the scanner gave it, check it against the manifest.", null)
                : ("", null, $"subject {Echo.Of(text)} is not a container number; give an ISO 6346 number such as CSQU3054383 (or set subjectKind to parcel or awb).");
        }

        if (compact.Length is 0 or > 40 || !compact.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return ("", null, $"subject {Echo.Of(text)} is not a parcel id or air waybill number; use up to 40 letters, digits and hyphens.");
        }

        return (compact, null, null);
    }


    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;
}

/// <summary>A scan was stored (for the analysis to come, and for anything that waits for a unit's scans).</summary>
public sealed record ScanStored(Guid ScanId, string SubjectKind, string Subject, string Origin, DateTime ScannedAt) : IOutboxEvent
{
    public const string EventType = "imaging.scan.stored";

    public string Type => EventType;
}
