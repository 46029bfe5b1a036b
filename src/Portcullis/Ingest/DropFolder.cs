using System.Text.Json;

namespace Portcullis.Ingest;

/// <summary>
/// A drop-box integration: partners put files in a folder; each is moved to processing/, ingested,
/// and moved to done/ or rejected/ with its receipt beside it as JSON. Polling rather than
/// FileSystemWatcher because network shares and container volumes drop watcher events. A file
/// left in processing/ by a crash is read again on start; idempotency makes that safe.
/// </summary>
public sealed class DropFolder(IngestPipeline pipeline, string folder, string? mappingPath, TimeProvider time, Action<string> log)
{
    private static readonly JsonSerializerOptions ReceiptJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var processing = Directory.CreateDirectory(Path.Combine(folder, "processing")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "done"));
        Directory.CreateDirectory(Path.Combine(folder, "rejected"));
        foreach (var leftOver in Directory.GetFiles(processing))
        {
            await ProcessAsync(leftOver, cancellationToken);
        }

        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            await PollOnceAsync(sizes, cancellationToken);
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>Takes every file whose size did not change since the previous poll (the sender finished writing).</summary>
    public async Task<int> PollOnceAsync(Dictionary<string, long> sizes, CancellationToken cancellationToken)
    {
        var taken = 0;
        foreach (var file in Directory.GetFiles(folder).Where(IsCandidate).Order(StringComparer.Ordinal))
        {
            var size = new FileInfo(file).Length;
            if (!sizes.TryGetValue(file, out var previous) || previous != size)
            {
                sizes[file] = size;
                continue;
            }

            sizes.Remove(file);
            var claimed = Path.Combine(folder, "processing", Path.GetFileName(file));
            File.Move(file, claimed, overwrite: true);
            await ProcessAsync(claimed, cancellationToken);
            taken++;
        }

        return taken;
    }

    private static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith('.') && !name.EndsWith(".part", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);
    }

    private async Task ProcessAsync(string path, CancellationToken cancellationToken)
    {
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

        var target = Path.Combine(folder, outcome, name);
        File.Move(path, target, overwrite: true);
        if (receipt is not null)
        {
            await File.WriteAllTextAsync(target + ".receipt.json", JsonSerializer.Serialize(Receipts.View(receipt), ReceiptJson), cancellationToken);
            log($"{name}: {receipt.Status}, {receipt.Accepted} accepted, {receipt.Duplicates} duplicate, {receipt.Rejected} rejected (receipt {receipt.Id}).");
        }
    }
}
