using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>
/// REST and CLI: the model registry. Training makes a candidate; a supervisor activates it, which
/// retires the active one; activating an older version brings it back in one step. Audited.
/// </summary>
public static class Models
{
    public sealed record TrainRequest(DateTime From, DateTime To);

    public sealed record ActivateRequest(string Reason);

    public sealed record ModelView(Guid Id, int Version, string Status, DateTime TrainedAt, string TrainedBy, DateTime WindowFrom, DateTime WindowTo,
        int Cases, int Hits, IReadOnlyList<string> Features, string Metrics, string? ActivatedBy, DateTime? ActivatedAt, IReadOnlyList<string> Warnings);

    public static async Task<Ok<IReadOnlyList<ModelView>>> ListAsync(PortcullisDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ModelView>>([.. (await db.RiskModels.AsNoTracking().OrderByDescending(m => m.Version).ToListAsync(cancellationToken)).Select(View)]);

    public static async Task<Results<Created<ModelView>, ProblemHttpResult>> TrainAsync(TrainRequest request, RiskEngine engine, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.To <= request.From)
        {
            return TypedResults.Problem("'to' is not after 'from'; give a training window that ends after it starts.", statusCode: StatusCodes.Status400BadRequest, title: "Bad training window.");
        }

        var user = CurrentUser.From(context.User)!;
        var trained = await engine.TrainAsync(request.From, request.To, user.Name, user.OrganisationId, cancellationToken);
        return trained.Model is { } model
            ? TypedResults.Created($"/api/v1/risk/models/{model.Id}", View(model))
            : TypedResults.Problem(trained.Error, statusCode: StatusCodes.Status400BadRequest, title: "The model cannot be trained.");
    }

    public static async Task<Results<Ok<ModelView>, ProblemHttpResult>> ActivateAsync(Guid id, ActivateRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var activated = await ActivateVersionAsync(db, clock, user.Name, user.OrganisationId, id, request.Reason, cancellationToken);
        return activated.Value is { } model ? TypedResults.Ok(View(model)) : activated.Refusal!.ToProblem("Cannot activate.");
    }

    public static async Task<Outcome<RiskModelVersion>> ActivateVersionAsync(PortcullisDb db, TimeProvider clock, string actor, Guid? organisationId, Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid("A reason is required to activate a model; say why it should score from now on.");
        }

        var model = await db.RiskModels.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (model is null)
        {
            return Refusal.NotFound($"There is no model {id}.");
        }

        if (model.Status == ModelStatus.Active)
        {
            return Refusal.Conflict($"Model v{model.Version} is already active.");
        }

        foreach (var active in await db.RiskModels.Where(m => m.Status == ModelStatus.Active).ToListAsync(cancellationToken))
        {
            active.Status = ModelStatus.Retired;
        }

        model.Status = ModelStatus.Active;
        model.ActivatedBy = actor;
        model.ActivatedAt = clock.GetUtcNow().UtcDateTime;
        AuditLog.Record(db, clock, actor, organisationId, "risk.model.activate", $"model v{model.Version}", reason.Trim());
        Outbox.Add(db, clock, new ModelActivated(model.Id, model.Version));
        return model;
    }

    public static ModelView View(RiskModelVersion m) =>
        new(m.Id, m.Version, m.Status.ToString(), m.TrainedAt, m.TrainedBy, m.WindowFrom, m.WindowTo, m.Cases, m.Hits, m.Features, m.Metrics, m.ActivatedBy, m.ActivatedAt, Warnings(m.Metrics));

    /// <summary>The label-leak warnings recorded with the model at training, so that whoever activates it sees them.</summary>
    private static IReadOnlyList<string> Warnings(string metrics)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(metrics);
            return json.RootElement.TryGetProperty("labelLeaks", out var leaks) && leaks.ValueKind == System.Text.Json.JsonValueKind.Array
                ? [.. leaks.EnumerateArray().Select(l => l.TryGetProperty("message", out var text) ? text.GetString() : null).OfType<string>()]
                : [];
        }
        catch (System.Text.Json.JsonException)
        {
            // Models trained before the check have metrics without it (and nothing else writes this column).
            return [];
        }
    }
}
