using System.Globalization;
using CsvHelper;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Csv;

/// <summary>
/// Maps one row's fields to a <see cref="DeclarationRecord"/>. Column indexes are resolved once;
/// the first bad cell of a row becomes that row's issue (no exceptions on the row path, so a file
/// full of bad rows is still read quickly).
/// </summary>
internal sealed class RowMapper
{
    private readonly CsvMapping _m;
    private readonly NumberFormatInfo _numbers;
    private readonly string[] _formats;
    private readonly bool _unixSeconds, _unixMilliseconds;
    private readonly int _id, _date, _hub, _hs, _origin, _departure, _loading, _discharge, _gross, _net, _value, _currency,
        _packages, _description, _inspected, _hit, _seized, _revenue, _widest;
    private readonly (PartyRole Role, int Name, int Street, int City, int Postcode, int Phone, int Email)[] _parties;
    private readonly (string Name, int Index)[] _categorical;
    private readonly (string Name, int Index, ColumnRef Column)[] _numeric;
    private readonly string _labelValues;

    public RowMapper(CsvMapping mapping, Func<ColumnRef?, int> index)
    {
        _m = mapping;
        _numbers = new NumberFormatInfo
        {
            NumberDecimalSeparator = mapping.DecimalSeparator.ToString(),
            NumberGroupSeparator = mapping.DecimalSeparator == ',' ? "." : ",",
        };
        _formats = [.. mapping.Date.Formats.Where(f => f is not DateMapping.UnixSeconds and not DateMapping.UnixMilliseconds)];
        _unixSeconds = mapping.Date.Formats.Contains(DateMapping.UnixSeconds);
        _unixMilliseconds = mapping.Date.Formats.Contains(DateMapping.UnixMilliseconds);
        _id = index(mapping.DeclarationId);
        _date = index(mapping.Date.Column);
        _hub = index(mapping.Hub?.Column);
        _hs = index(mapping.HsCode);
        _origin = index(mapping.OriginCountry);
        _departure = index(mapping.DepartureCountry);
        _loading = index(mapping.PortOfLoading);
        _discharge = index(mapping.PortOfDischarge);
        _gross = index(mapping.GrossMass);
        _net = index(mapping.NetMass);
        _value = index(mapping.Value?.Column);
        _currency = index(mapping.Value?.CurrencyColumn);
        _packages = index(mapping.Packages);
        _description = index(mapping.Description);
        _inspected = index(mapping.Outcome?.Inspected);
        _hit = index(mapping.Outcome?.Hit);
        _seized = index(mapping.Outcome?.SeizedKg);
        _revenue = index(mapping.Outcome?.Revenue);
        _parties = [.. mapping.Parties.Select(p => (p.Role, index(p.Column), index(p.Street), index(p.City), index(p.Postcode), index(p.Phone), index(p.Email)))];
        _categorical = [.. mapping.Categorical.Select(c => (c.Key, index(c.Value)))];
        _numeric = [.. mapping.Numeric.Select(c => (c.Key, index(c.Value), c.Value))];
        _widest = mapping.Columns().Select(index).DefaultIfEmpty(0).Max();
        _labelValues = mapping.Outcome is { } o ? string.Join(", ", o.FalseValues.Concat(o.TrueValues)) : "";
    }

    public DeclarationRowResult Map(CsvReader fields, long row, InputPosition position)
    {
        var r = new RowScope(fields, row, position);
        if (fields.FieldCount <= _widest)
        {
            return r.Reject("csv.short-row", $"Row {Label(row)} has {fields.FieldCount} fields but the mapping reads column number {_widest + 1}; check the delimiter and quoting of that row.", _widest);
        }

        var id = r.Text(_id);
        if (id is null)
        {
            return r.Reject("csv.missing-id", $"Row {Label(row)}: column {_m.DeclarationId} is empty; every declaration needs an id.", _id);
        }

        var date = Date(r);
        var hub = Hub(r);
        var goods = Goods(r);
        var categorical = new Dictionary<string, string>(_categorical.Length + 1, StringComparer.Ordinal);
        foreach (var (name, i) in _categorical)
        {
            if (r.Text(i) is { } v)
            {
                categorical[name] = v;
            }
        }

        if (r.Text(_departure) is { } departure)
        {
            categorical[CsvMapping.DepartureCountryFeature] = departure.ToUpperInvariant();
        }

        var numeric = new Dictionary<string, double>(_numeric.Length, StringComparer.Ordinal);
        foreach (var (name, i, column) in _numeric)
        {
            if (Number(r, i, column) is { } v)
            {
                numeric[name] = v;
            }
        }

        var outcome = Outcome(r);
        if (r.Issue is { } issue)
        {
            return DeclarationRowResult.Rejected(row, issue);
        }

        var parties = new List<PartyRecord>(_parties.Length);
        foreach (var (role, i, street, city, postcode, phone, email) in _parties)
        {
            if (r.Text(i) is { } name)
            {
                // Contact cells are kept as sent, like CUSCAR's: resolution normalises them, ingest does not.
                parties.Add(new PartyRecord(role, name, null, null, null) { Street = r.Text(street), City = r.Text(city), Postcode = r.Text(postcode), Phone = r.Text(phone), Email = r.Text(email) });
            }
        }

        var consignment = new ConsignmentRecord(
            Reference: id,
            Kind: _m.Kind,
            Direction: _m.Direction,
            HubCode: hub,
            // The declaration date is when the consignment became known to customs: the
            // time-ordered split of a backtest keys on it.
            BookedAt: date,
            DepartedAt: null,
            ArrivedAt: null,
            OriginCountry: r.Text(_origin)?.ToUpperInvariant(),
            Route: new RouteRecord(null, r.Text(_loading)?.ToUpperInvariant(), [], r.Text(_discharge)?.ToUpperInvariant(), null),
            Parties: parties,
            Goods: goods is null ? [] : [goods],
            Equipment: []);
        return DeclarationRowResult.Ok(new DeclarationRecord(row, consignment, categorical, numeric, outcome));
    }

    private DateTime? Date(RowScope r)
    {
        var text = r.Text(_date);
        var expected = string.Join(" or ", _m.Date.Formats);
        if (text is null)
        {
            r.Fail("csv.missing-date", $"Row {Label(r.Row)}: column {_m.Date.Column} is empty; every declaration needs a date as {expected}.", _date);
            return null;
        }

        if (_formats.Length > 0 && DateTime.TryParseExact(text, _formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        if ((_unixSeconds || _unixMilliseconds) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            // Bounds of DateTimeOffset.FromUnixTime*: years 1 to 9999.
            const long maxSeconds = 253_402_300_799, minSeconds = -62_135_596_800;
            var seconds = _unixSeconds ? epoch : epoch / 1000;
            if (seconds is >= minSeconds and <= maxSeconds)
            {
                return _unixSeconds ? DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime : DateTimeOffset.FromUnixTimeMilliseconds(epoch).UtcDateTime;
            }
        }

        r.Fail("csv.bad-date", $"Row {Label(r.Row)}: column {_m.Date.Column} holds '{Short(text)}'; expected a date as {expected}.", _date);
        return null;
    }

    private string? Hub(RowScope r)
    {
        if (_m.Hub is not { } hub)
        {
            return null;
        }

        if (hub.Column is null || r.Text(_hub) is not { } text)
        {
            return hub.Default ?? hub.Constant;
        }

        var code = Portcullis.Domain.Hubs.HubCatalogue.Find(text)?.Code ?? hub.Map.GetValueOrDefault(text) ?? hub.Default;
        if (code is null)
        {
            r.Fail("csv.bad-hub", $"Row {Label(r.Row)}: column {hub.Column} holds '{Short(text)}', which is not a hub; add it under hub.map or set hub.default.", _hub);
        }

        return code;
    }

    private GoodsRecord? Goods(RowScope r)
    {
        var hs = HsCode(r);
        var gross = Number(r, _gross, _m.GrossMass);
        var net = Number(r, _net, _m.NetMass);
        var value = Value(r);
        var packages = Number(r, _packages, _m.Packages);
        var description = r.Text(_description);
        if (packages is < 0 or > int.MaxValue)
        {
            r.Fail("csv.bad-number", $"Row {Label(r.Row)}: column {_m.Packages} holds '{Short(r.Text(_packages)!)}'; expected a package count from 0 to {int.MaxValue}.", _packages);
            packages = null;
        }

        if (hs is null && gross is null && net is null && value is null && packages is null && description is null)
        {
            return null;
        }

        return new GoodsRecord(1, hs, description ?? "", packages is { } p ? (int)Math.Round(p) : 0, null, gross, net, value);
    }

    private string? HsCode(RowScope r)
    {
        if (r.Text(_hs) is not { } text)
        {
            return null;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (digits.Length is < 2 or > 12)
        {
            r.Fail("csv.bad-hs-code", $"Row {Label(r.Row)}: column {_m.HsCode} holds '{Short(text)}'; expected an HS code of 2 to 10 digits.", _hs);
            return null;
        }

        // Spreadsheets and pandas read HS codes as numbers and drop the leading zero of chapters
        // 01 to 09; HS codes have an even number of digits, so an odd count means one was lost.
        if (digits.Length % 2 == 1)
        {
            digits = "0" + digits;
        }

        return _m.HsDigits is { } keep && digits.Length > keep ? digits[..keep] : digits;
    }

    private double? Value(RowScope r)
    {
        if (_m.Value is not { } v || Number(r, _value, v.Column) is not { } amount)
        {
            return null;
        }

        var currency = r.Text(_currency)?.ToUpperInvariant() ?? v.Currency ?? "EUR";
        if (currency == "EUR")
        {
            return amount * v.Scale;
        }

        if (v.EurRates.TryGetValue(currency, out var rate))
        {
            return amount * v.Scale * rate;
        }

        r.Fail("csv.no-rate", $"Row {Label(r.Row)}: the value is in '{Short(currency)}' and value.eur_rates has no rate for it; add '{Short(currency)}: <EUR per unit>' to the mapping.", _currency);
        return null;
    }

    private OutcomeRecord? Outcome(RowScope r)
    {
        if (_m.Outcome is not { } o)
        {
            return null;
        }

        var hit = Label(r, _hit, o.Hit, "label");
        var inspected = o.AllInspected || (o.Inspected is null ? hit is not null : Label(r, _inspected, o.Inspected, "inspected") ?? false);
        return new OutcomeRecord(inspected, hit, Number(r, _seized, o.SeizedKg), Number(r, _revenue, o.Revenue));
    }

    private bool? Label(RowScope r, int index, ColumnRef? column, string what)
    {
        if (r.Text(index) is not { } text)
        {
            return null;
        }

        var o = _m.Outcome!;
        if (o.TrueValues.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (o.FalseValues.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        r.Fail("csv.bad-label", $"Row {Label(r.Row)}: column {column} holds '{Short(text)}'; the {what} column must hold {_labelValues} or nothing.", index);
        return null;
    }

    private double? Number(RowScope r, int index, ColumnRef? column)
    {
        if (index < 0 || r.IsEmpty(index))
        {
            return null;
        }

        // Parsed from the UTF-8 bytes: numbers are most of the cells, and no string is made for them.
        if (double.TryParse(r.Span(index), NumberStyles.Float, _numbers, out var value) && double.IsFinite(value))
        {
            return value;
        }

        var text = r.Text(index)!;
        r.Fail("csv.bad-number", $"Row {Label(r.Row)}: column {column} holds '{Short(text)}'; expected a number with '{_m.DecimalSeparator}' as decimal separator.", index);
        return null;
    }

    internal static string Label(long row) => row.ToString("N0", CultureInfo.InvariantCulture);

    private static string Short(string value) => CsvDeclarationReader.Shorten(value);

    /// <summary>One row being mapped: trimmed cells (empty is null) and the first issue found.</summary>
    private sealed class RowScope(CsvReader fields, long row, InputPosition position)
    {
        public long Row => row;

        public IngestIssue? Issue { get; private set; }

        public string? Text(int index)
        {
            if (index < 0 || fields.GetString(index) is not { } value)
            {
                return null;
            }

            var text = value.Trim();
            return text.Length == 0 ? null : text;
        }

        public ReadOnlySpan<byte> Span(int index) => fields.GetSpan(index).Trim(" \t"u8);

        public bool IsEmpty(int index) => Span(index).IsEmpty;

        public void Fail(string code, string message, int index) =>
            Issue ??= IngestIssue.Error(code, message, position with { Column = Math.Max(index, 0) + 1 });

        public DeclarationRowResult Reject(string code, string message, int index)
        {
            Fail(code, message, index);
            return DeclarationRowResult.Rejected(row, Issue!);
        }
    }
}
