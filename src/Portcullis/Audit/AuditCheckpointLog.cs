using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portcullis.Hosting;

namespace Portcullis.Audit;

/// <summary>
/// The copy of every checkpoint outside the database: one JSON line per checkpoint, appended, never
/// rewritten. Each line carries the checkpoint's own signature, so a line cannot be forged without
/// the private key; a database insider cannot delete lines they cannot reach. By default the file
/// is audit-checkpoints.jsonl in the keys folder (Audit:CheckpointLog to put it elsewhere, e.g. on
/// append-only or WORM storage).
/// </summary>
public sealed class AuditCheckpointLog(string path)
{
    public const string DefaultFileName = "audit-checkpoints.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lock Gate = new();

    public string Path { get; } = path;

    public bool Exists => File.Exists(Path);

    /// <summary>The log in the keys folder, where it is unless configured otherwise.</summary>
    public static AuditCheckpointLog Beside(AuditSigningKey key) => new(System.IO.Path.Combine(key.Folder, DefaultFileName));

    /// <summary>One line, as written to the file and pushed to a second party.</summary>
    public static string ToLine(AuditCheckpoint c) =>
        JsonSerializer.Serialize(new Line(c.Id, c.Sequence, c.Hash, DateTime.SpecifyKind(c.At, DateTimeKind.Utc), c.KeyId, c.Signature), Json);

    /// <summary>Appends the checkpoint (after it was committed to the database: the file never names one the database does not have).</summary>
    public void Append(AuditCheckpoint checkpoint)
    {
        var bytes = Encoding.UTF8.GetBytes(ToLine(checkpoint) + "\n");
        try
        {
            if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            // One write of one line in append mode: lines of two writers in this process never interleave.
            lock (Gate)
            {
                using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"Checkpoint {checkpoint.Id} is in the database but the checkpoint log {Path} cannot be written ({e.Message.TrimEnd('.')}); make it writable or set Audit:CheckpointLog to a writable file.", e);
        }
    }

    /// <summary>Whether the file holds at least one line: a chain with an external log has existed.</summary>
    public bool HasCheckpoints()
    {
        if (!Exists)
        {
            return false;
        }

        using var reader = new StreamReader(Path);
        return reader.ReadLine() is not null;
    }

    /// <summary>
    /// The checkpoints in the file, each with its line number as Id; or the number of the first line
    /// that is not a checkpoint (the file was altered).
    /// </summary>
    public async Task<(IReadOnlyList<AuditCheckpoint> Checkpoints, int? DamagedLine)> ReadAsync(CancellationToken cancellationToken)
    {
        var checkpoints = new List<AuditCheckpoint>();
        var number = 0;
        await foreach (var text in File.ReadLinesAsync(Path, cancellationToken))
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, Json);
            }
            catch (JsonException)
            {
                line = null;
            }

            if (line is not { Hash: { Length: 64 }, KeyId: { Length: > 0 }, Signature: { Length: > 0 } })
            {
                return (checkpoints, number);
            }

            checkpoints.Add(new AuditCheckpoint { Id = number, Sequence = line.Sequence, Hash = line.Hash, At = DateTime.SpecifyKind(line.At, DateTimeKind.Utc), KeyId = line.KeyId, Signature = line.Signature });
        }

        return (checkpoints, null);
    }

    private sealed record Line(long Id, long Sequence, string Hash, DateTime At, string KeyId, string Signature);
}

/// <summary>
/// Sends each new checkpoint line to a second party (Audit:CheckpointPushUrl, e.g. an auditor's
/// endpoint) as a JSON POST, with Audit:CheckpointPushToken as bearer token when set. Someone who
/// controls the whole server can still cut off the file beside the keys; they cannot recall what
/// the second party received.
/// </summary>
public sealed class AuditCheckpointPush(IHttpClientFactory http, AuditOptions options)
{
    public const string ClientName = "audit-checkpoint-push";

    public bool Enabled => options.CheckpointPushUrl is { Length: > 0 };

    /// <summary>Pushes the checkpoint; returns null when it arrived (or pushing is off), else why not in one sentence.</summary>
    public async Task<string?> SendAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.CheckpointPushUrl)
            {
                Content = new StringContent(AuditCheckpointLog.ToLine(checkpoint), Encoding.UTF8, "application/json"),
            };
            if (options.CheckpointPushToken is { Length: > 0 } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var client = http.CreateClient(ClientName);
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? null
                : $"Checkpoint {checkpoint.Id} was not accepted by {options.CheckpointPushUrl} (HTTP {(int)response.StatusCode}); the next checkpoint is pushed as usual.";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"Checkpoint {checkpoint.Id} could not be pushed to {options.CheckpointPushUrl} ({e.Message.TrimEnd('.')}); the next checkpoint is pushed as usual.";
        }
    }
}
