using System.Text.Json;
using Portcullis.Hosting;

namespace Portcullis.Ingest;

/// <summary>
/// A drop-box integration: partners put files in a folder; each is moved to processing/, ingested,
/// and moved to done/ or rejected/ with its receipt beside it as JSON. A file left in processing/
/// by a crash is read again on start; idempotency makes that safe. Anything that is not a regular
/// file is moved, itself, to rejected/ with <c>NAME.reason.txt</c> beside it (<see cref="FolderWatch"/>).
/// </summary>
public sealed class DropFolder
{
    private static readonly JsonSerializerOptions ReceiptJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly FolderLayout Layout = new("processing", "done", "rejected", ".reason.txt");

    private readonly FolderWatch _watch;

    public DropFolder(IngestPipeline pipeline, string folder, string? mappingPath, TimeProvider time, Action<string> log) =>
        _watch = new FolderWatch(folder, Layout, async (path, cancellationToken) =>
        {
            var name = Path.GetFileName(path);
            try
            {
                var receipt = await IngestCommand.IngestFileAsync(pipeline, path, mappingPath, new IngestOrigin("watch", Environment.UserName, null, name), cancellationToken);
                return new DropResult(receipt.Rejected == 0,
                    $"{receipt.Status}, {receipt.Accepted} accepted, {receipt.Duplicates} duplicate, {receipt.Rejected} rejected (receipt {receipt.Id}).",
                    ".receipt.json", JsonSerializer.Serialize(Receipts.View(receipt), ReceiptJson));
            }
            catch (UserFacingException ex)
            {
                return new DropResult(false, ex.Message);
            }
        }, time, log);

    public TimeSpan PollInterval { get => _watch.PollInterval; init => _watch.PollInterval = value; }

    public Task RunAsync(CancellationToken cancellationToken) => _watch.RunAsync(cancellationToken);

    /// <summary>Makes the working folders and reads what a crash left in processing/ (rejecting anything that is not a regular file).</summary>
    public Task RecoverAsync(CancellationToken cancellationToken) => _watch.RecoverAsync(cancellationToken);

    /// <summary>Takes every regular file whose size did not change since the previous poll, and moves anything else to rejected/ at once.</summary>
    public Task<int> PollOnceAsync(Dictionary<string, long> sizes, CancellationToken cancellationToken) => _watch.PollOnceAsync(sizes, cancellationToken);
}
