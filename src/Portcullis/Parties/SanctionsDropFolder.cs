using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// The sanctions drop folder (<see cref="SanctionsOptions.DropFolder"/>): a list file put there is
/// imported like `portcullis sanctions import`, then moved to done/, or to failed/ with
/// NAME.reason.txt when it was refused (the previous version stays active). The source is a
/// dot-separated part of the name: 2026-12-01.eu.xml, sdn.ofac.xml, consolidated.un.xml,
/// entities.ftm.json. As in the ingest drop folder, a file is taken once its size held still for a
/// poll, only regular files are read (never links), and one node at a time works the folder (a lease).
/// </summary>
public sealed class SanctionsDropFolderService(IServiceScopeFactory scopes, JobLeases leases, SanctionsOptions options, TimeProvider clock, ILogger<SanctionsDropFolderService> logger) : BackgroundService
{
    public const string Job = "parties.sanctions-drop-folder";

    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.DropFolder))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await leases.TryAcquireAsync(Job, JobLeases.For(interval), stoppingToken))
                {
                    await PollOnceAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SanctionsLog.PassFailed(logger, e);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>Imports every file whose size held still since the previous poll; returns how many were taken.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var folder = options.DropFolder!;
        foreach (var name in new[] { "processing", "done", "failed" })
        {
            Directory.CreateDirectory(Path.Combine(folder, name));
        }

        var taken = 0;
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).ToList())
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null || !info.Exists)
            {
                Move(path, "failed", "a symbolic link is never followed; put the file itself in the folder");
                continue;
            }

            if (!_sizes.TryGetValue(path, out var previous) || previous != info.Length)
            {
                _sizes[path] = info.Length;
                continue;
            }

            _sizes.Remove(path);
            var claimed = Path.Combine(folder, "processing", info.Name);
            File.Move(path, claimed, overwrite: true);
            await ImportAsync(claimed, cancellationToken);
            taken++;
        }

        return taken;
    }

    private async Task ImportAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var source = name.Split('.').Select(ImportSanctionsList.ParseSource).FirstOrDefault(s => s is not null);
        if (source is null)
        {
            Move(path, "failed", "the file name names no source; name it like 2026-12-01.eu.xml (eu, un, ofac or ftm)");
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortcullisDb>();
        var outcome = await ImportSanctionsList.ApplyAsync(db, clock, scope.ServiceProvider.GetRequiredService<SanctionsFormats>(), "system:sanctions-drop-folder", null,
            source.Value, path, name, cancellationToken);
        if (outcome.Value is not { } result)
        {
            Move(path, "failed", outcome.Refusal!.Sentence);
            return;
        }

        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(cancellationToken);
        SanctionsLog.DropImported(logger, name, result.Source, result.Version, result.Entries);
        Move(path, "done", null);
    }

    private void Move(string path, string to, string? reason)
    {
        var name = Path.GetFileName(path);
        var target = Path.Combine(options.DropFolder!, to, name);
        File.Move(path, target, overwrite: true);
        if (reason is not null)
        {
            File.WriteAllText(target + ".reason.txt", reason + Environment.NewLine);
            SanctionsLog.DropRejected(logger, name, reason);
        }
    }
}
