using Microsoft.Playwright;
using Portcullis.Selection;
using static Microsoft.Playwright.Assertions;

namespace Portcullis.Tests.Browser;

/// <summary>The Selections and Orders pages in a real browser: each role sees what need-to-know allows, nothing more.</summary>
// Its own server: filling the plan picks from every consignment of the day, and the shared server's other classes select and close the fixture's container.
public sealed class SelectionPageTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public async Task Analyst_fills_the_plan_inspector_sees_it_blind_and_the_terminal_gets_only_the_order()
    {
        var day = Shifts.LocalDate(server.ArrivedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var analyst = await server.SignInAsync("analyst");
        await analyst.GotoAsync($"/selections?hub=RTM&date={day}");
        await analyst.GetByTestId("fill-form").GetByRole(AriaRole.Button, new() { Name = "Fill" }).ClickAsync();
        var list = analyst.GetByTestId("selection-list");
        await Expect(list).ToContainTextAsync(WebServerFixture.ContainerNumber);
        await Expect(analyst.GetByTestId("selection-reason").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Targeted|Control|Exploration)$"));
        await Expect(analyst.GetByTestId("selection-capacity")).ToContainTextAsync("early");
        await analyst.Context.CloseAsync();

        // The control is due within the hour: the inspection team's window is open.
        await using (var db = server.Database.CreateContext())
        {
            var selection = db.Selections.Single(s => s.Unit == WebServerFixture.ContainerNumber && s.State != SelectionState.Released);
            selection.PlannedControlAt = server.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
            // And the terminal's order is due: released two hours before the control.
            db.SecureLaneOrders.Single(o => o.SelectionId == selection.Id).ReleaseAt = server.Clock.GetUtcNow().UtcDateTime.AddMinutes(-90);
            await db.SaveChangesAsync();
        }

        var inspector = await server.SignInAsync("inspector");
        await inspector.GotoAsync($"/selections?hub=RTM&date={day}");
        await Expect(inspector.GetByTestId("selection-list")).ToContainTextAsync(WebServerFixture.ContainerNumber);
        await Expect(inspector.GetByTestId("selection-reason")).ToHaveCountAsync(0);
        await Expect(inspector.GetByTestId("fill-form")).ToHaveCountAsync(0);
        await inspector.Context.CloseAsync();

        var terminal = await server.SignInAsync("terminal");
        await terminal.GotoAsync("/orders");
        var orders = terminal.GetByTestId("orders-list");
        await Expect(orders).ToContainTextAsync(WebServerFixture.ContainerNumber);
        await Expect(orders).ToContainTextAsync("RTM-SECURE");
        await Expect(orders).Not.ToContainTextAsync("Targeted");
        await Expect(orders).Not.ToContainTextAsync("Control");
        await terminal.GotoAsync($"/selections?hub=RTM&date={day}");
        await Expect(terminal.GetByTestId("selection-list")).ToHaveCountAsync(0);
        await terminal.Context.CloseAsync();
    }
}
