using Microsoft.EntityFrameworkCore;

namespace Portcullis.Storage;

/// <summary>
/// The one owner of the transaction for a request, a command, a page action or a background job
/// run: use cases add and change entities on <see cref="Db"/> (audit entries and outbox rows
/// included) and never save; the caller's unit of work commits them together in one SaveChanges,
/// which is one transaction, and then runs this process's reactions to the outbox rows it wrote.
/// Bulk writers (ingest, scoring, simulation) manage their own transactions for throughput.
/// </summary>
public sealed class UnitOfWork(PortcullisDb db, OutboxSignal signal, OutboxDispatcher dispatcher)
{
    public PortcullisDb Db => db;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (signal.Pending)
        {
            await dispatcher.DispatchAsync(cancellationToken);
        }
    }

    /// <summary>A refused use case leaves nothing behind: whatever it added is dropped, not saved.</summary>
    public void Discard()
    {
        db.ChangeTracker.Clear();
        db.HasStagedOutboxRows = false;
    }
}

/// <summary>Commits each API request's unit of work when the endpoint succeeded, and discards it when it refused.</summary>
public static class UnitOfWorkFilter
{
    public static async ValueTask<object?> CommitOnSuccess(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var unit = context.HttpContext.RequestServices.GetRequiredService<UnitOfWork>();
        if (!Succeeded(result))
        {
            unit.Discard();
            return result;
        }

        try
        {
            await unit.CommitAsync(context.HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            unit.Discard();
            return TypedResults.Problem("Someone else changed this at the same moment; reload it and try again.", statusCode: StatusCodes.Status409Conflict, title: "Edited by someone else.");
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Two requests on two nodes (or two threads) wrote the same unique thing; the second loses.
            unit.Discard();
            return TypedResults.Problem("The same change was just made by someone else; reload and check before trying again.", statusCode: StatusCodes.Status409Conflict, title: "Already exists.");
        }

        return result;
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => true,
        Npgsql.PostgresException { SqlState: "23505" } => true,
        _ => false,
    };

    private static bool Succeeded(object? result) => result switch
    {
        INestedHttpResult nested => Succeeded(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code < 400,
        _ => true,
    };
}
