using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Domain.Cargo;
using Portcullis.Hosting;
using Portcullis.Ingest;

namespace Portcullis.Risk;

/// <summary>
/// REST: scores a consignment sent in the request without storing anything: for a port community
/// system or a desk that wants the risk before the manifest is lodged. Uses the active model and
/// profiles and the history as of now.
/// </summary>
public static class ScoreCase
{
    public sealed record PartyInput(string Role, string Name, string? Country, string? Eori);

    public sealed record GoodsInput(string HsCode, string? Description, double? GrossKg, double? ValueEur, int? Packages);

    public sealed record ContainerInput(string Number, bool Reefer);

    public sealed record ScoreRequest(
        string? Reference, string? Hub, string? Kind, DateTime? ArrivedAt, DateTime? BookedAt, DateTime? DepartedAt, string? OriginCountry,
        string? PlaceOfReceipt, string? PortOfLoading, IReadOnlyList<string>? Transshipments, string? PortOfDischarge,
        IReadOnlyList<PartyInput>? Parties, IReadOnlyList<GoodsInput>? Goods, IReadOnlyList<ContainerInput>? Containers);

    /// <summary>An <see cref="Assessment"/> as answered: the same fields, each reason with its direction and formatted effect.</summary>
    public sealed record AssessmentView(string CaseId, double Score, double RuleScore, double? ModelProbability, int? ModelVersion, string Basis,
        IReadOnlyList<string> Profiles, IReadOnlyList<ReadableReasons.ReasonView> Reasons);

    public static async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> HandleAsync(ScoreRequest request, RiskEngine engine, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (riskCase, error) = ToCase(request, clock.GetUtcNow().UtcDateTime);
        if (riskCase is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "The consignment cannot be scored.");
        }

        var a = await engine.AssessAsync(riskCase, cancellationToken);
        return TypedResults.Ok(new AssessmentView(a.CaseId, a.Score, a.RuleScore, a.ModelProbability, a.ModelVersion, a.Basis, a.Profiles, ReadableReasons.Views(a.Reasons)));
    }

    /// <summary>The payload as a case, or the first problem with it in one sentence.</summary>
    public static (RiskCase? Case, string? Error) ToCase(ScoreRequest r, DateTime now)
    {
        if (r.Goods is not { Count: > 0 })
        {
            return (null, "The consignment has no goods lines; send at least one with an HS code.");
        }

        if (r.Goods.FirstOrDefault(g => g.HsCode is null || g.HsCode.Count(char.IsAsciiDigit) is < 4 or > 10) is { } bad)
        {
            return (null, $"HS code '{Echo.Of(bad.HsCode)}' is not 4 to 10 digits; send the tariff code of each goods line.");
        }

        var kind = ConsignmentKind.SeaContainer;
        if (r.Kind is { Length: > 0 } && !Enum.TryParse(r.Kind, ignoreCase: true, out kind))
        {
            return (null, $"Kind '{Echo.Of(r.Kind)}' is not known; use one of {string.Join(", ", Enum.GetNames<ConsignmentKind>())}.");
        }

        var parties = new List<PartyRecord>();
        foreach (var p in r.Parties ?? [])
        {
            if (!Enum.TryParse<PartyRole>(p.Role, ignoreCase: true, out var role))
            {
                return (null, $"Party role '{Echo.Of(p.Role)}' is not known; use one of {string.Join(", ", Enum.GetNames<PartyRole>())}.");
            }

            parties.Add(new PartyRecord(role, p.Name ?? "", p.Country, p.Eori, null));
        }

        var record = new ConsignmentRecord(
            r.Reference ?? "request", kind, Direction.Import, r.Hub?.ToUpperInvariant(), r.BookedAt, r.DepartedAt, r.ArrivedAt ?? now, r.OriginCountry?.ToUpperInvariant(),
            new RouteRecord(r.PlaceOfReceipt, r.PortOfLoading, r.Transshipments ?? [], r.PortOfDischarge, null),
            parties,
            [.. r.Goods.Select((g, i) => new GoodsRecord(i + 1, g.HsCode, g.Description ?? "", g.Packages ?? 0, null, g.GrossKg, null, g.ValueEur))],
            [.. (r.Containers ?? []).Select(c => new EquipmentRecord(c.Number, null, c.Reefer, [], null))]);
        return (CaseSources.FromRecord(r.Reference ?? "request", record, new Dictionary<string, string>(), new Dictionary<string, double>(), null), null);
    }
}
