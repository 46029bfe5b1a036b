using System.Globalization;
using System.Text;

namespace Portcullis.Monitoring;

/// <summary>A table as the API and the pages' "Download CSV" links give it: a header and rows of text.</summary>
public sealed record CsvTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>RFC 4180: comma-separated, CRLF, fields quoted when they hold a comma, quote or line break.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        Append(text, Header);
        foreach (var row in Rows)
        {
            Append(text, row);
        }

        return text.ToString();
    }

    public static string Number(double value, int decimals = 2) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Number(double? value, int decimals = 2) => value is { } v ? Number(v, decimals) : "";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var field = fields[i];
            // A spreadsheet runs a cell that starts with =, + or @ as a formula; a leading quote keeps it text.
            if (field.Length > 0 && field[0] is '=' or '+' or '@')
            {
                field = "'" + field;
            }

            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(field);
            }
        }

        text.Append("\r\n");
    }
}
