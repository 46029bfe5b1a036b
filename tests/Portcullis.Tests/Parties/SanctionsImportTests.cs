using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Parties;
using Portcullis.Parties.Sanctions;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties;

/// <summary>The app's import with the real readers (the sample files of each format) and a pass with the real matcher.</summary>
public sealed class SanctionsImportTests(SanctionsImportTests.Host host) : IClassFixture<SanctionsImportTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ApiHost Api { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Api = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Parties:Sanctions:ScreenEverySeconds"] = "0" });

        public async ValueTask DisposeAsync() => await Api.DisposeAsync();
    }

    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "Parties", "Sanctions", "Samples", file);

    [Theory]
    [InlineData(SanctionsSource.Eu, "eu-fsf-handmade.xml")]
    [InlineData(SanctionsSource.Un, "un-consolidated-excerpt.xml")]
    [InlineData(SanctionsSource.Ofac, "ofac-sdn-handmade.xml")]
    [InlineData(SanctionsSource.Ftm, "ftm-handmade.jsonl")]
    public async Task Each_official_format_imports_as_the_active_version_of_its_source(SanctionsSource source, string file)
    {
        await using var scope = host.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortcullisDb>();
        var result = await ImportSanctionsList.ApplyAsync(db, TimeProvider.System, scope.ServiceProvider.GetRequiredService<SanctionsFormats>(), "test-supervisor", null, source, Sample(file), file, CancellationToken.None);
        Assert.Null(result.Refusal);
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);

        await using var check = host.Api.Database.CreateContext();
        var version = await check.SanctionsListVersions.AsNoTracking().SingleAsync(v => v.Source == source && v.Active);
        Assert.True(version.EntryCount > 0);
        Assert.Equal(version.EntryCount, await check.SanctionsEntries.CountAsync(e => e.VersionId == version.Id));
        if (source == SanctionsSource.Ftm)
        {
            // Every target entity of the hand-made export is one entry (an Address entity is not).
            Assert.Equal(File.ReadAllLines(Sample(file)).Count(l => l.Contains("\"target\": true", StringComparison.Ordinal)), version.EntryCount);
        }
    }

    [Fact]
    public async Task The_real_matcher_finds_a_consignee_written_in_Cyrillic()
    {
        await using (var scope = host.Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortcullisDb>();
            Assert.Null((await ImportSanctionsList.ApplyAsync(db, TimeProvider.System, new SanctionsFormats(), "test-supervisor", null, SanctionsSource.Ftm, Sample("ftm-handmade.jsonl"), "ftm", CancellationToken.None)).Refusal);
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
        }

        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "RTM", DateTime.UtcNow.AddHours(-2), 710001);
        Guid party;
        await using (var db = host.Api.Database.CreateContext())
        {
            var link = await db.Set<Portcullis.Domain.Cargo.ConsignmentParty>().SingleAsync(p => p.ConsignmentId == cargo.ConsignmentId && p.Role == Portcullis.Domain.Cargo.PartyRole.Consignee);
            var row = await db.Parties.SingleAsync(p => p.Id == link.PartyId);
            row.Name = "ООО Ромашка Трейд";
            row.CountryCode = "RU";
            party = row.Id;
            await db.SaveChangesAsync();
        }

        var result = await ScreenParties.RunPassAsync(host.Api.Database, host.Api.Services.GetRequiredService<ScreeningState>(), host.Api.Services.GetRequiredService<SanctionsOptions>(), TimeProvider.System, CancellationToken.None);

        Assert.True(result.NewHits >= 1);
        await using var check = host.Api.Database.CreateContext();
        // The hand-made EU list may name the same company: the FTM entity must be among the hits.
        var hits = await check.SanctionsHits.AsNoTracking().Where(h => h.PartyId == party).ToListAsync();
        var hit = Assert.Single(hits, h => h.Source == SanctionsSource.Ftm && h.EntryId == "NK-aaa111");
        Assert.True(hit.Score >= SanctionsMatcher.DefaultThreshold);
    }
}
