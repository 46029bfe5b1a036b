using Microsoft.EntityFrameworkCore;
using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>
/// For `serve --demo`: the example rule profile and a model trained on the simulated history,
/// both activated by "demo", and every consignment scored, so the demo opens with explained scores.
/// Real deployments start empty: analysts write profiles and supervisors activate models.
/// </summary>
public static class RiskDemo
{
    public sealed record Summary(string Profile, int? ModelVersion, string? ModelProblem, int Scored);

    public static async Task<Summary> SetUpAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredService<RiskEngine>();
        var clock = services.GetRequiredService<TimeProvider>();
        await using var scope = services.CreateAsyncScope();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var db = unit.Db;
        var profileLabel = "none";
        if (!await db.RuleProfiles.AnyAsync(cancellationToken) && FindExampleProfile() is { } path)
        {
            var imported = await Profiles.ImportDraftAsync(db, clock, "demo", null, new Profiles.ImportRequest(await File.ReadAllTextAsync(path, cancellationToken), "demo data", [], null, null), cancellationToken);
            if (imported.Profile is { } profile)
            {
                await unit.CommitAsync(cancellationToken);
                await Profiles.ActivateVersionAsync(db, clock, "demo", null, profile.Id, "demo data", cancellationToken);
                await unit.CommitAsync(cancellationToken);
                profileLabel = $"{profile.Name} v{profile.Version}";
            }
        }

        int? modelVersion = null;
        string? problem = null;
        if (!await db.RiskModels.AnyAsync(cancellationToken))
        {
            var first = await db.Consignments.MinAsync(c => (DateTime?)c.ArrivedAt, cancellationToken);
            var last = await db.Consignments.MaxAsync(c => (DateTime?)c.ArrivedAt, cancellationToken);
            if (first is { } from && last is { } to)
            {
                var trained = await engine.TrainAsync(from.Date, to.Date.AddDays(1), "demo", null, cancellationToken);
                if (trained.Model is { } model)
                {
                    await Models.ActivateVersionAsync(db, clock, "demo", null, model.Id, "demo data", cancellationToken);
                    await unit.CommitAsync(cancellationToken);
                    modelVersion = model.Version;
                }
                else
                {
                    problem = trained.Error;
                }
            }
        }

        var scored = await engine.ScoreStoredAsync(null, all: true, cancellationToken);
        return new Summary(profileLabel, modelVersion, problem, scored);
    }

    /// <summary>The example profile ships beside the program (docs/rules), or in the source tree when run from it.</summary>
    private static string? FindExampleProfile()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "docs", "rules", "example-profile.yaml");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
