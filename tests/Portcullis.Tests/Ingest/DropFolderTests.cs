using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portcullis.Ingest;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>
/// `portcullis ingest watch DIR` reads regular files only: links, FIFOs and folders go to rejected/
/// unread with a reason, a file that vanishes is skipped, and leftovers in processing/ never stop a restart.
/// </summary>
[Trait("Category", "security")]
public sealed class DropFolderTests
{
    // Opening a FIFO blocks its thread until a writer comes; the guard turns the hang that was the bug into a failure.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static Task Guarded(Func<Task> step) => Task.Run(step).WaitAsync(HangGuard);

    private readonly List<string> _log = [];

    private static async Task<(DropFolder Drop, Database Database, string Folder)> StartAsync(Action<string> log)
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var folder = IngestFiles.Folder();
        var drop = new DropFolder(new IngestPipeline(database, TimeProvider.System, new IngestOptions()), folder, null, TimeProvider.System, log);
        return (drop, database, folder);
    }

    /// <summary>Two polls: the first notes each file's size, the second takes the files whose size held.</summary>
    private static async Task PollTwiceAsync(DropFolder drop)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        await Guarded(() => drop.PollOnceAsync(sizes, TestContext.Current.CancellationToken));
        await Guarded(() => drop.PollOnceAsync(sizes, TestContext.Current.CancellationToken));
    }

    private static async Task<int> ReceiptsAsync(Database database)
    {
        await using var db = database.CreateContext();
        return await db.IngestReceipts.CountAsync(TestContext.Current.CancellationToken);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task A_symlink_to_a_file_outside_the_folder_is_moved_itself_to_rejected_and_never_read()
    {
        var (drop, database, folder) = await StartAsync(_log.Add);
        var secret = Path.Combine(IngestFiles.Folder(), "outside.edi");
        await File.WriteAllTextAsync(secret, IngestFiles.GateIn("LINK1"), TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(Path.Combine(folder, "link.edi"), secret);

        await drop.RecoverAsync(TestContext.Current.CancellationToken);
        await PollTwiceAsync(drop);

        Assert.Equal(0, await ReceiptsAsync(database));
        var moved = new FileInfo(Path.Combine(folder, "rejected", "link.edi"));
        Assert.Equal(secret, moved.LinkTarget);
        Assert.Equal(IngestFiles.GateIn("LINK1"), await File.ReadAllTextAsync(secret, TestContext.Current.CancellationToken));
        Assert.Equal(
            "'link.edi' is a symbolic link, which the drop folder never follows; put the file itself in the folder.",
            (await File.ReadAllTextAsync(moved.FullName + ".reason.txt", TestContext.Current.CancellationToken)).Trim());
        Assert.False(File.Exists(Path.Combine(folder, "link.edi")) || Path.Exists(Path.Combine(folder, "link.edi")));
    }

    [Fact]
    public async Task A_fifo_is_rejected_without_being_opened_and_the_files_after_it_are_still_read()
    {
        var (drop, database, folder) = await StartAsync(_log.Add);
        MakeFifo(Path.Combine(folder, "a-pipe.edi"));
        await File.WriteAllTextAsync(Path.Combine(folder, "b-gate.edi"), IngestFiles.GateIn("FIFO1"), TestContext.Current.CancellationToken);

        await drop.RecoverAsync(TestContext.Current.CancellationToken);
        await PollTwiceAsync(drop);

        Assert.True(File.Exists(Path.Combine(folder, "done", "b-gate.edi")));
        Assert.Equal(1, await ReceiptsAsync(database));
        Assert.True(Path.Exists(Path.Combine(folder, "rejected", "a-pipe.edi")));
        Assert.Contains("named pipe (FIFO)", await File.ReadAllTextAsync(Path.Combine(folder, "rejected", "a-pipe.edi.reason.txt"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_with_a_dangling_link_a_fifo_and_a_file_left_in_processing_reads_the_file_and_rejects_the_rest()
    {
        var (drop, database, folder) = await StartAsync(_log.Add);
        var processing = Directory.CreateDirectory(Path.Combine(folder, "processing")).FullName;
        File.CreateSymbolicLink(Path.Combine(processing, "dangling.edi"), Path.Combine(folder, "no-such-file.edi"));
        MakeFifo(Path.Combine(processing, "pipe.edi"));
        await File.WriteAllTextAsync(Path.Combine(processing, "left.edi"), IngestFiles.GateIn("LEFT1"), TestContext.Current.CancellationToken);

        await Guarded(() => drop.RecoverAsync(TestContext.Current.CancellationToken));
        // A second restart finds processing/ empty: nothing left to stumble on.
        await Guarded(() => drop.RecoverAsync(TestContext.Current.CancellationToken));

        Assert.Empty(Directory.EnumerateFileSystemEntries(processing));
        Assert.True(File.Exists(Path.Combine(folder, "done", "left.edi")));
        Assert.NotNull(new FileInfo(Path.Combine(folder, "rejected", "dangling.edi")).LinkTarget);
        Assert.True(Path.Exists(Path.Combine(folder, "rejected", "pipe.edi.reason.txt")));
        Assert.Equal(1, await ReceiptsAsync(database));
    }

    [Fact]
    public async Task A_subfolder_is_rejected_the_working_folders_are_left_alone_and_a_file_that_vanishes_midway_is_skipped()
    {
        string? folder = null;
        var (drop, database, dropFolder) = await StartAsync(line =>
        {
            _log.Add(line);
            // Rejecting the folder 'a2' is the moment 'b.edi' disappears, between the listing and the read.
            if (line.StartsWith("a2:", StringComparison.Ordinal))
            {
                File.Delete(Path.Combine(folder!, "b.edi"));
            }
        });
        folder = dropFolder;
        await drop.RecoverAsync(TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(folder, "a1"));
        await File.WriteAllTextAsync(Path.Combine(folder, "b.edi"), IngestFiles.GateIn("GONE1"), TestContext.Current.CancellationToken);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);

        await drop.PollOnceAsync(sizes, TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(folder, "a2"));
        await drop.PollOnceAsync(sizes, TestContext.Current.CancellationToken);

        Assert.True(Directory.Exists(Path.Combine(folder, "rejected", "a1")));
        Assert.True(Directory.Exists(Path.Combine(folder, "rejected", "a2")));
        Assert.Equal(["done", "processing", "rejected"], Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("b.edi: disappeared before it was read; skipped (nothing was stored).", _log);
        Assert.Equal(0, await ReceiptsAsync(database));
    }
}
