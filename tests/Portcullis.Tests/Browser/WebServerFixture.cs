using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Browser;

/// <summary>
/// A real Kestrel server on a free loopback port over a fresh SQLite file with the demo accounts and
/// one hand-built Rotterdam consignment, and one headless Chromium: started once for all browser test classes (BrowserCollection).
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    public const string ContainerNumber = "CSQU3054383";
    public const string Reference = "MEDUEC123456";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portcullis-browser-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public Guid ConsignmentId { get; } = Guid.CreateVersion7();

    public DateTime ArrivedAt { get; private set; }

    /// <summary>The server's clock, which the tests' data must use too: 10:00 UTC (11:00 or 12:00 in Amsterdam) at the start of the run, whatever the real hour.</summary>
    public TimeProvider Clock { get; } = ShiftedClock.StartingAt(10);

    public Database Database { get; private set; } = null!;

    /// <summary>The running server's services: tests act on it as its own code does (accounts, alarms).</summary>
    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_folder);
        var target = DatabaseTarget.Resolve(Path.Combine(_folder, "portcullis.db")).GetValueOrThrow();
        var database = new Database(target);
        Database = database;
        await database.MigrateAsync(cancellationToken);
        // As `serve --demo` does: the audit signing key (keys/ beside the file) exists before seeding audits the accounts.
        new Portcullis.Audit.AuditSigningKey(Path.Combine(_folder, "keys")).CreateFirst(Clock);
        await InitialAccounts.EnsureDemoAccountsAsync(database, Clock, cancellationToken);
        await StoreConsignmentAsync(database, cancellationToken);

        // Scans go to the fixture's own folder, not to data/scans under the test runner's folder.
        _app = PortcullisWeb.Build(new WebOptions(target, ["http://127.0.0.1:0"], Settings: new Dictionary<string, string?>
        {
            ["Imaging:StoreFolder"] = Path.Combine(_folder, "scans"),
            // Every browser class signs in on this one server, from one address; the limit itself is tested in WebSecurityTests.
            ["Access:SignInsPerMinute"] = "600",
        }), builder => builder.Services.AddSingleton(Clock));
        await _app.StartAsync(cancellationToken);
        BaseUrl = _app.Urls.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }

    /// <summary>A fresh browser context (own cookies) signed in as the given demo account, on the home page, at 1280×800 (the size the pages must work at).</summary>
    public async Task<IPage> SignInAsync(string userName, string password = InitialAccounts.DemoPassword)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        // The whole suite runs its classes in parallel on two cores: a sign-in's post and the page it lands
        // on have once taken longer than Playwright's default 30 s there (never alone), so this one step
        // waits longer. It is a limit on waiting, not a measurement.
        await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("button[type=submit]"),
            response => response.Url.Contains("/account/signin", StringComparison.Ordinal),
            new PageRunAndWaitForResponseOptions { Timeout = 90_000 });
        await page.WaitForURLAsync(url => !url.EndsWith("/signin", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 90_000 });
        return page;
    }

    /// <summary>
    /// The README's screenshots are made here, by the browser tests, when PORTCULLIS_SCREENSHOTS names
    /// a folder (scripts/screenshots.sh sets it to docs/screenshots); in a normal test run this does nothing.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("PORTCULLIS_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    private async Task StoreConsignmentAsync(Database database, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        // Arrived earlier today (UTC and Amsterdam): the clock starts the run at 10:00 UTC.
        var arrived = now.AddHours(-1);
        ArrivedAt = arrived;
        var shipper = new Party { Id = Guid.CreateVersion7(), Name = "Exportadora Banano Sur S.A.", CountryCode = "EC", Aeo = AeoStatus.None, FirstSeen = now.AddDays(-20) };
        var importer = new Party { Id = Guid.CreateVersion7(), Name = "Fruitimport Rotterdam B.V.", CountryCode = "NL", Eori = "NL123456789", Aeo = AeoStatus.AeoF, FirstSeen = now.AddYears(-6) };

        await using var db = database.CreateContext();
        db.Parties.AddRange(shipper, importer);
        db.Equipment.Add(new Equipment { ContainerNumber = ContainerNumber, SizeType = "45R1", Reefer = true });
        db.Consignments.Add(new Consignment
        {
            Id = ConsignmentId,
            Reference = Reference,
            Kind = ConsignmentKind.SeaContainer,
            Direction = Direction.Import,
            HubCode = HubCatalogue.Rotterdam,
            BookedAt = arrived.AddDays(-25),
            DepartedAt = arrived.AddDays(-18),
            ArrivedAt = arrived,
            OriginCountry = "EC",
            Route = new Route { PlaceOfReceipt = "ECMCH", PortOfLoading = "ECGYE", TransshipmentPorts = ["PAMIT"], PortOfDischarge = "NLRTM", PlaceOfDelivery = "NLRTM" },
            TotalGrossKg = 21_400,
            TotalValueEur = 18_900,
            Parties =
            [
                new ConsignmentParty { ConsignmentId = ConsignmentId, Role = PartyRole.Consignor, PartyId = shipper.Id },
                new ConsignmentParty { ConsignmentId = ConsignmentId, Role = PartyRole.Consignee, PartyId = importer.Id },
            ],
            Goods =
            [
                new GoodsLine { ConsignmentId = ConsignmentId, LineNumber = 1, HsCode = "080390", Description = "Fresh bananas", Packages = 1_080, PackageType = "CT", GrossKg = 21_400, NetKg = 19_440, ValueEur = 18_900 },
            ],
            Equipment =
            [
                new ConsignmentEquipment { ConsignmentId = ConsignmentId, ContainerNumber = ContainerNumber, SealNumbers = ["EC4471902"], ReeferSetpointC = 13.3 },
            ],
        });
        db.ContainerEvents.Add(new ContainerEvent { Id = Guid.CreateVersion7(), ContainerNumber = ContainerNumber, Type = ContainerEventType.Discharge, OccurredAt = arrived, UnLocode = "NLRTM", Facility = "ECT Delta", Source = "test" });
        await db.SaveChangesAsync(cancellationToken);
    }
}
