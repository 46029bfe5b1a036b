using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Audit;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Storage;

/// <summary>
/// The request's unit of work, with the real composed services: what a handler staged lands when it
/// succeeded, nothing lands when it refused, and a concurrent edit answers 409 instead of a 500.
/// </summary>
public sealed class UnitOfWorkTests
{
    [Theory]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    public async Task A_request_commits_what_it_staged_only_when_it_succeeded(int status, bool lands)
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false);
        var subject = $"uow-test {status}";

        var result = await RunThroughFilterAsync(host, db =>
        {
            AuditLog.Record(db, TimeProvider.System, "test", null, "test.stage", subject);
            IResult outcome = status < 400
                ? TypedResults.StatusCode(status)
                : TypedResults.Problem("refused", statusCode: status);
            // Handlers return unions; the filter must see through them.
            return status < 400 ? (Results<StatusCodeHttpResult, ProblemHttpResult>)(StatusCodeHttpResult)outcome : (ProblemHttpResult)outcome;
        });

        Assert.Equal(status, ((IStatusCodeHttpResult)((INestedHttpResult)result!).Result).StatusCode);
        await using var db = host.Database.CreateContext();
        Assert.Equal(lands ? 1 : 0, await db.Audit.CountAsync(a => a.Subject == subject, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_requests_that_change_the_same_selection_at_once_give_one_success_and_one_409()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false);
        var now = DateTime.UtcNow;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now, 424242);
        var id = await SelectionFixtures.AddSelectionAsync(host.Database, seeded, now, now.AddHours(6));
        await using var first = host.Services.CreateAsyncScope();
        await using var second = host.Services.CreateAsyncScope();
        var a = await first.ServiceProvider.GetRequiredService<PortcullisDb>().Selections.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
        var b = await second.ServiceProvider.GetRequiredService<PortcullisDb>().Selections.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);

        var won = await RunThroughFilterAsync(first, _ =>
        {
            a.Notes = "first";
            a.Version++;
            return TypedResults.Ok();
        });
        var lost = await RunThroughFilterAsync(second, _ =>
        {
            b.Notes = "second";
            b.Version++;
            return TypedResults.Ok();
        });

        Assert.IsType<Ok>(won);
        var problem = Assert.IsType<ProblemHttpResult>(lost);
        Assert.Equal(409, problem.StatusCode);
        await using var db = host.Database.CreateContext();
        Assert.Equal("first", (await db.Selections.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken)).Notes);
    }

    private static async Task<object?> RunThroughFilterAsync(ApiHost host, Func<PortcullisDb, object> handler)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await RunThroughFilterAsync(scope, handler);
    }

    private static async Task<object?> RunThroughFilterAsync(AsyncServiceScope scope, Func<PortcullisDb, object> handler)
    {
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var db = scope.ServiceProvider.GetRequiredService<PortcullisDb>();
        return await UnitOfWorkFilter.CommitOnSuccess(
            EndpointFilterInvocationContext.Create(context),
            _ => ValueTask.FromResult<object?>(handler(db)));
    }
}
