using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Risk;

/// <summary>
/// The weekly drift counts its bins in the database; the figures must be those of the scores read
/// into memory and given to <see cref="PopulationStability.Psi"/> (the pure definition), ties at the
/// bin edges, a reference with fewer than ten distinct values and an empty week included.
/// </summary>
public sealed class DriftTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_database_counted_drift_is_the_population_stability_of_each_weeks_scores(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        // Three weeks ending 21 March: 1–7, 8–14 (moved upwards), 15–21 (no scores); one arrival just before the period.
        double[] first = [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.5, 0.5, 0.5, 0.5, 0.5, 0.9, 0.05];
        double[] second = [0.2, 0.2, 0.5, 0.5, 0.5, 0.9, 0.9, 0.9, 0.95, 0.1];
        var serial = 400_001;
        async Task AddAsync(DateTime arrived, double score)
        {
            var seeded = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", arrived, serial++);
            await using var db = database.CreateContext();
            db.RiskScores.Add(new RiskScore { ConsignmentId = seeded.ConsignmentId, HubCode = "RTM", ScoredAt = arrived, ArrivedAt = arrived, Score = score, RuleScore = score });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        for (var i = 0; i < first.Length; i++)
        {
            await AddAsync(new DateTime(2026, 3, 1 + (i % 7), 8, 0, 0, DateTimeKind.Utc), first[i]);
        }

        for (var i = 0; i < second.Length; i++)
        {
            await AddAsync(new DateTime(2026, 3, 8 + (i % 7), 23, 30, 0, DateTimeKind.Utc), second[i]);
        }

        await AddAsync(new DateTime(2026, 2, 28, 23, 59, 0, DateTimeKind.Utc), 0.99);

        await using var read = database.CreateContext();
        var report = await Drift.ReportAsync(read, new DateOnly(2026, 3, 21), 3, TestContext.Current.CancellationToken);

        Assert.Equal([first.Length, second.Length, 0], report.Weeks.Select(w => w.Scored));
        Assert.Equal(0, report.Weeks[0].Psi);
        Assert.Equal(PopulationStability.Psi(first, second), report.Weeks[1].Psi, 12);
        Assert.True(report.Weeks[1].Psi > 0.25, $"PSI {report.Weeks[1].Psi} of a week moved upwards");
        Assert.Equal("shifted", report.Weeks[1].Stability);
        Assert.Equal(first.Average(), report.Weeks[0].MeanScore, 12);
        Assert.Equal(second.Average(), report.Weeks[1].MeanScore, 12);
        Assert.Equal("no scores", report.Weeks[2].Stability);
    }
}
