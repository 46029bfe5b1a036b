using Mono.Unix;

namespace Portcullis.Hosting;

/// <summary>The working folders of a drop folder and the suffix of the file that says why an entry was refused unread.</summary>
public sealed record FolderLayout(string Processing, string Accepted, string Refused, string ReasonSuffix)
{
    public IReadOnlyList<string> All => [Processing, Accepted, Refused];
}

/// <summary>What became of one file: accepted or refused, a line for the log, and an optional file written beside it.</summary>
public sealed record DropResult(bool Accepted, string? Log, string? SidecarSuffix = null, string? SidecarText = null);

/// <summary>
/// The loop behind every drop folder (ingest, scans): senders put files in a folder; each regular file
/// whose size held between two polls is moved to the processing folder, handed to the processor, and
/// moved to the accepted or refused folder with what the processor wrote beside it. Polling rather than
/// FileSystemWatcher because network shares and container volumes drop watcher events. A file left in
/// processing by a crash is read again on start, so processors must be idempotent.
/// Only regular files directly in the folder are read: a symbolic link (never followed: it could
/// point anywhere the service may read), a FIFO (opening it blocks until someone writes), a device,
/// a socket or a subfolder is moved, itself, to the refused folder with the reason beside it.
/// </summary>
public sealed class FolderWatch(string folder, FolderLayout layout, Func<string, CancellationToken, Task<DropResult>> process, TimeProvider time, Action<string> log)
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

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

    /// <summary>Makes the working folders and reads what a crash left in the processing folder (refusing anything that is not a regular file).</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var name in layout.All)
        {
            var path = Path.Combine(folder, name);
            if (Kind(path) is EntryKind.Link)
            {
                throw new UserFacingException($"'{path}' is a symbolic link; make it a real folder, since the drop folder never follows links.");
            }

            Directory.CreateDirectory(path);
        }

        foreach (var leftOver in Directory.EnumerateFileSystemEntries(Path.Combine(folder, layout.Processing)).Order(StringComparer.Ordinal).ToList())
        {
            await ProcessAsync(leftOver, cancellationToken);
        }
    }

    /// <summary>
    /// Takes every regular file whose size did not change since the previous poll (the sender
    /// finished writing), and moves anything else to the refused folder at once.
    /// </summary>
    public async Task<int> PollOnceAsync(Dictionary<string, long> sizes, CancellationToken cancellationToken)
    {
        var taken = 0;
        foreach (var path in Directory.EnumerateFileSystemEntries(folder).Where(IsCandidate).Order(StringComparer.Ordinal).ToList())
        {
            var kind = Kind(path);
            if (kind is EntryKind.Folder && layout.All.Contains(Path.GetFileName(path), StringComparer.Ordinal))
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
            var claimed = Path.Combine(folder, layout.Processing, Path.GetFileName(path));
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
        DropResult result;
        try
        {
            result = await process(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Nothing was stored: every processor opens the file before it writes anything.
            Vanished(path);
            return;
        }

        var target = Path.Combine(folder, result.Accepted ? layout.Accepted : layout.Refused, name);
        File.Move(path, target, overwrite: true);
        if (result.SidecarSuffix is not null && result.SidecarText is not null)
        {
            await File.WriteAllTextAsync(target + result.SidecarSuffix, result.SidecarText, cancellationToken);
        }

        if (result.Log is not null)
        {
            log($"{name}: {result.Log}");
        }
    }

    /// <summary>Moves the entry itself (never what a link points to) to the refused folder, with the reason beside it.</summary>
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
        var target = FreeName(Path.Combine(folder, layout.Refused, name));
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

        File.WriteAllText(target + layout.ReasonSuffix, reason + Environment.NewLine);
        log($"{name}: rejected unread. {reason}");
    }

    private void Vanished(string path) =>
        log($"{Path.GetFileName(path)}: disappeared before it was read; skipped (nothing was stored).");

    /// <summary>REFUSED/NAME, or NAME.1, NAME.2… when that is taken, so an earlier rejection is never overwritten.</summary>
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
