using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Audit;

/// <summary>The leads over a period whose views name more consignments than SQLite takes variables in one statement.</summary>
public sealed class AuditLeadsVolumeTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Leads_over_views_of_more_consignments_than_a_statement_takes_variables_answer()
    {
        // SQLite takes at most 32,766 variables in a statement; a month of views names about 200,000
        // consignments (`audit-leads-db`). Until each list went as one collection parameter the request failed with a 500.
        const int Subjects = 33_000;
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        await using (var db = host.Database.CreateContext())
        {
            var sequence = await db.Audit.MaxAsync(a => (long?)a.Sequence) ?? 0;
            var at = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            // Written straight into the table (the chain's hashes play no part in the leads), one statement for all.
            var written = await db.Database.ExecuteSqlRawAsync(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0}) " +
                "INSERT INTO audit_log (At, Actor, Action, Subject, Detail, Hash, PreviousHash, Sequence) " +
                "SELECT {1}, 'analyst', 'view.score', 'consignment VOL' || i, 'score 0.2', '', '', {2} + i FROM n",
                Subjects, at, sequence);
            Assert.Equal(Subjects, written);
        }

        using var auditor = await host.SignInAsync("auditor");
        using var response = await auditor.GetAsync("/api/v1/audit/leads", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<AuditLeads.Report>(Json, TestContext.Current.CancellationToken);
        Assert.True(report!.Views >= Subjects, $"{report.Views} views counted, {Subjects} written");
    }
}
