using System.Text;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Csv;

/// <summary>
/// A column of the CSV: by header name, or by 0-based index (the only choice for files without a
/// header row). Exactly one of <paramref name="Name"/> and <paramref name="Index"/> is set.
/// </summary>
public sealed record ColumnRef(string? Name, int? Index)
{
    public static ColumnRef ByName(string name) => new(name, null);

    public static ColumnRef ByIndex(int index) => new(null, index);

    /// <summary>How error messages name the column: 'fraud' or #5.</summary>
    public override string ToString() => Name is not null ? $"'{Name}'" : $"#{Index}";
}

/// <summary>The date column and the formats it may hold, tried in order; "unix-seconds" and "unix-milliseconds" are epoch numbers.</summary>
public sealed record DateMapping(ColumnRef Column, IReadOnlyList<string> Formats)
{
    public const string UnixSeconds = "unix-seconds";
    public const string UnixMilliseconds = "unix-milliseconds";
}

/// <summary>
/// Where the hub comes from: a constant code, or a column whose values are hub codes or keys of
/// <paramref name="Map"/>; <paramref name="Default"/> covers values that are neither.
/// </summary>
public sealed record HubMapping(string? Constant, ColumnRef? Column, IReadOnlyDictionary<string, string> Map, string? Default);

/// <summary>A party column (its name or id), and optionally the columns of its contact data (the section form of a party key).</summary>
public sealed record PartyMapping(string Key, PartyRole Role, ColumnRef Column)
{
    public ColumnRef? Street { get; init; }

    public ColumnRef? City { get; init; }

    public ColumnRef? Postcode { get; init; }

    public ColumnRef? Phone { get; init; }

    public ColumnRef? Email { get; init; }

    public IEnumerable<ColumnRef?> Columns() => [Column, Street, City, Postcode, Phone, Email];
}

/// <summary>
/// The declared value. The cell times <paramref name="Scale"/> is in the row's currency (the
/// <paramref name="CurrencyColumn"/>, else <paramref name="Currency"/>, else EUR); a currency other
/// than EUR is converted with <paramref name="EurRates"/> (EUR per unit), and a row in a currency
/// without a rate is rejected rather than stored with a wrong value.
/// </summary>
public sealed record ValueMapping(
    ColumnRef Column,
    double Scale,
    string? Currency,
    ColumnRef? CurrencyColumn,
    IReadOnlyDictionary<string, double> EurRates);

/// <summary>
/// The labelled outcome of an earlier control. Inspected comes from <paramref name="Inspected"/>,
/// else is true for every row when <paramref name="AllInspected"/>, else is true where the hit
/// column holds a value. Cells are compared with the true/false lists ignoring case.
/// </summary>
public sealed record OutcomeMapping(
    ColumnRef? Inspected,
    bool AllInspected,
    ColumnRef? Hit,
    ColumnRef? SeizedKg,
    ColumnRef? Revenue,
    IReadOnlyList<string> TrueValues,
    IReadOnlyList<string> FalseValues);

/// <summary>
/// A validated mapping from one CSV/TSV shape to <see cref="DeclarationRecord"/>s. Nothing about a
/// particular dataset is built in: every column comes from here. Load it with <see cref="Load(TextReader)"/>.
/// <paramref name="Delimiter"/> null means detect it from the first line.
/// </summary>
public sealed record CsvMapping(
    string? Delimiter,
    Encoding Encoding,
    bool HasHeader,
    char DecimalSeparator,
    ColumnRef DeclarationId,
    DateMapping Date,
    HubMapping? Hub,
    ConsignmentKind Kind,
    Direction Direction,
    IReadOnlyList<PartyMapping> Parties,
    ColumnRef? HsCode,
    int? HsDigits,
    ColumnRef? OriginCountry,
    ColumnRef? DepartureCountry,
    ColumnRef? PortOfLoading,
    ColumnRef? PortOfDischarge,
    ColumnRef? GrossMass,
    ColumnRef? NetMass,
    ValueMapping? Value,
    ColumnRef? Packages,
    ColumnRef? Description,
    IReadOnlyDictionary<string, ColumnRef> Categorical,
    IReadOnlyDictionary<string, ColumnRef> Numeric,
    OutcomeMapping? Outcome)
{
    /// <summary>The categorical feature name under which a mapped departure country is passed on (the record has no field for it).</summary>
    public const string DepartureCountryFeature = "departure_country";

    /// <summary>Parses and validates a mapping; throws <see cref="IngestRejectedException"/> with the line and column of the problem.</summary>
    public static CsvMapping Load(TextReader yaml) => CsvMappingLoader.Load(yaml);

    /// <summary>Reads a mapping file; see <see cref="Load(TextReader)"/>.</summary>
    public static CsvMapping Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return CsvMappingLoader.Load(reader);
    }

    /// <summary>Every column the mapping reads, with what it is for, so a header check can name them all.</summary>
    public IEnumerable<ColumnRef> Columns()
    {
        IEnumerable<ColumnRef?> all =
        [
            DeclarationId, Date.Column, Hub?.Column, HsCode, OriginCountry, DepartureCountry, PortOfLoading,
            PortOfDischarge, GrossMass, NetMass, Value?.Column, Value?.CurrencyColumn, Packages, Description,
            Outcome?.Inspected, Outcome?.Hit, Outcome?.SeizedKg, Outcome?.Revenue,
        ];
        return all.Concat(Parties.SelectMany(p => p.Columns())).Concat(Categorical.Values).Concat(Numeric.Values)
            .OfType<ColumnRef>();
    }
}
