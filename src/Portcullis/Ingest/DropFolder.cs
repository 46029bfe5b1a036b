using System.Text.Json;
using Mono.Unix;

namespace Portcullis.Ingest;

/// <summary>
/// A drop-box integration: partners put files in a folder; each is moved to processing/, ingested,
/// and moved to done/ or rejected/ with its receipt beside it as JSON. Polling rather than
/// FileSystemWatcher because network shares and container volumes drop watcher events. A file
/// left in processing/ by a crash is read again on start; idempotency makes that safe.
/// Only regular files directly in the folder are read: a symbolic link (never followed: it could
/// point anywhere the service may read), a FIFO (opening it blocks until someone writes), a device,
/// a socket or a subfolder is moved, itself, to rejected/ with <c>NAME.reason.txt</c> beside it.
/// </summary>
public sealed class DropFolder(IngestPipeline pipeline, string folder, string? mappingPath, TimeProvider time, Action<string> log)
{
    private static readonly JsonSerializerOptions ReceiptJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly string[] WorkingFolders = ["processing", "done", "rejected"];

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RecoverAsync(cancellationToken);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            await PollOnceAsync(sizes, cancellationToken);
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>Makes the working folders and reads what a crash left in processing/ (rejecting anything that is not a regular file).</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var name in WorkingFolders)
        {
            var path = Path.Combine(folder, name);
            if (Kind(path) is EntryKind.Link)
            {
                throw new Hosting.UserFacingException($"'{path}' is a symbolic link; make it a real folder, since the drop folder never follows links.");
            }

            Directory.CreateDirectory(path);
        }

        foreach (var leftOver in Directory.EnumerateFileSystemEntries(Path.Combine(folder, "processing")).Order(StringComparer.Ordinal).ToList())
        {
            await ProcessAsync(leftOver, cancellationToken);
        }
    }

    /// <summary>
    /// Takes every regular file whose size did not change since the previous poll (the sender
    /// finished writing), and moves anything else to rejected/ at once.
    /// </summary>
    public async Task<int> PollOnceAsync(Dictionary<string, long> sizes, CancellationToken cancellationToken)
    {
        var taken = 0;
        foreach (var path in Directory.EnumerateFileSystemEntries(folder).Where(IsCandidate).Order(StringComparer.Ordinal).ToList())
        {
            var kind = Kind(path);
            if (kind is EntryKind.Folder && WorkingFolders.Contains(Path.GetFileName(path), StringComparer.Ordinal))
            {
                continue;
            }

            if (kind is not EntryKind.File)
            {
                RejectUnread(path, kind);
                continue;
            }

            long size;
            try
            {
                size = new FileInfo(path).Length;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                Vanished(path);
                continue;
            }

            if (!sizes.TryGetValue(path, out var previous) || previous != size)
            {
                sizes[path] = size;
                continue;
            }

            sizes.Remove(path);
            var claimed = Path.Combine(folder, "processing", Path.GetFileName(path));
            try
            {
                File.Move(path, claimed, overwrite: true);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                Vanished(path);
                continue;
            }

            await ProcessAsync(claimed, cancellationToken);
            taken++;
        }

        return taken;
    }

    private enum EntryKind
    {
        Gone,
        File,
        Folder,
        Link,
        Fifo,
        Device,
        Socket,
    }

    /// <summary>What is at <paramref name="path"/> itself (lstat: a link is a link, whatever it points to).</summary>
    private static EntryKind Kind(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            var info = new FileInfo(path);
            return info.LinkTarget is not null ? EntryKind.Link
                : Directory.Exists(path) ? EntryKind.Folder
                : info.Exists ? EntryKind.File : EntryKind.Gone;
        }

        var entry = UnixFileSystemInfo.GetFileSystemEntry(path);
        if (!entry.Exists)
        {
            return EntryKind.Gone;
        }

        return entry.FileType switch
        {
            FileTypes.RegularFile => EntryKind.File,
            FileTypes.Directory => EntryKind.Folder,
            FileTypes.SymbolicLink => EntryKind.Link,
            FileTypes.Fifo => EntryKind.Fifo,
            FileTypes.Socket => EntryKind.Socket,
            _ => EntryKind.Device,
        };
    }

    private static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith('.') && !name.EndsWith(".part", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);
    }

    private async Task ProcessAsync(string path, CancellationToken cancellationToken)
    {
        // Checked again after the move: the entry may have been swapped since it was first looked at.
        var kind = Kind(path);
        if (kind is not EntryKind.File)
        {
            RejectUnread(path, kind);
            return;
        }

        var name = Path.GetFileName(path);
        IngestReceipt? receipt = null;
        string outcome;
        try
        {
            receipt = await IngestCommand.IngestFileAsync(pipeline, path, mappingPath, new IngestOrigin("watch", Environment.UserName, null, name), cancellationToken);
            outcome = receipt.Rejected > 0 ? "rejected" : "done";
        }
        catch (Hosting.UserFacingException ex)
        {
            log($"{name}: {ex.Message}");
            outcome = "rejected";
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Nothing was stored: the pipeline opens the file before it writes anything.
            Vanished(path);
            return;
        }

        var target = Path.Combine(folder, outcome, name);
        File.Move(path, target, overwrite: true);
        if (receipt is not null)
        {
            await File.WriteAllTextAsync(target + ".receipt.json", JsonSerializer.Serialize(Receipts.View(receipt), ReceiptJson), cancellationToken);
            log($"{name}: {receipt.Status}, {receipt.Accepted} accepted, {receipt.Duplicates} duplicate, {receipt.Rejected} rejected (receipt {receipt.Id}).");
        }
    }

    /// <summary>Moves the entry itself (never what a link points to) to rejected/, with the reason beside it.</summary>
    private void RejectUnread(string path, EntryKind kind)
    {
        var name = Path.GetFileName(path);
        if (kind is EntryKind.Gone)
        {
            Vanished(path);
            return;
        }

        var reason = kind switch
        {
            EntryKind.Link => $"'{name}' is a symbolic link, which the drop folder never follows; put the file itself in the folder.",
            EntryKind.Folder => $"'{name}' is a folder; put files directly in the drop folder, not in subfolders.",
            EntryKind.Fifo => $"'{name}' is a named pipe (FIFO), not a regular file; put the file itself in the folder.",
            EntryKind.Socket => $"'{name}' is a socket, not a regular file; put the file itself in the folder.",
            _ => $"'{name}' is a device, not a regular file; put the file itself in the folder.",
        };
        var target = FreeName(Path.Combine(folder, "rejected", name));
        try
        {
            // rename(2) moves a link, a FIFO or a device node as it is, without opening it.
            if (kind is EntryKind.Folder)
            {
                Directory.Move(path, target);
            }
            else
            {
                File.Move(path, target);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Vanished(path);
            return;
        }

        File.WriteAllText(target + ".reason.txt", reason + Environment.NewLine);
        log($"{name}: rejected unread. {reason}");
    }

    private void Vanished(string path) =>
        log($"{Path.GetFileName(path)}: disappeared before it was read; skipped (nothing was stored).");

    /// <summary>rejected/NAME, or NAME.1, NAME.2… when that is taken, so an earlier rejection is never overwritten.</summary>
    private static string FreeName(string path)
    {
        var candidate = path;
        for (var i = 1; Path.Exists(candidate) || Kind(candidate) is not EntryKind.Gone; i++)
        {
            candidate = $"{path}.{i}";
        }

        return candidate;
    }
}
