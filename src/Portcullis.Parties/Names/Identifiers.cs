using System.Text;
using Portcullis.Parties.Sanctions;

namespace Portcullis.Parties.Names;

/// <summary>Identifier kinds, their classification from a list's own type labels, and their normalisation.</summary>
public static class Identifiers
{
    public const string Inn = "INN";
    public const string Ogrn = "OGRN";
    public const string Imo = "IMO";
    public const string Lei = "LEI";
    public const string Vat = "VAT";
    public const string Eori = "EORI";
    public const string Passport = "PASSPORT";
    public const string Other = "OTHER";

    /// <summary>
    /// The kind for a list's type label ("Tax ID No.", "regnumber", "Passport", "IMO", "Legal Entity Number"…),
    /// using the value and country where the label alone is ambiguous (a Russian tax number is an INN, a
    /// Russian registration number of 13 or 15 digits an OGRN).
    /// </summary>
    public static string Classify(string? typeLabel, string value, string? country)
    {
        var label = (typeLabel ?? "").ToUpperInvariant();
        var digits = value.Count(char.IsAsciiDigit);
        var russian = country is "RU" || label.Contains("RUSSIA", StringComparison.Ordinal);
        if (label.Contains("IMO", StringComparison.Ordinal) || value.TrimStart().StartsWith("IMO", StringComparison.OrdinalIgnoreCase))
        {
            return Imo;
        }

        if (label.Contains("INN", StringComparison.Ordinal) || label.Contains("TAXPAYER", StringComparison.Ordinal))
        {
            return Inn;
        }

        if (label.Contains("OGRN", StringComparison.Ordinal) || label.Contains("PSRN", StringComparison.Ordinal))
        {
            return Ogrn;
        }

        if (label.Contains("LEI", StringComparison.Ordinal) || label.Contains("LEGAL ENTITY NUMBER", StringComparison.Ordinal))
        {
            return Lei;
        }

        if (label.Contains("EORI", StringComparison.Ordinal))
        {
            return Eori;
        }

        if (label.Contains("VAT", StringComparison.Ordinal))
        {
            return Vat;
        }

        if (label.Contains("PASSPORT", StringComparison.Ordinal))
        {
            return Passport;
        }

        var tax = label.Contains("TAX", StringComparison.Ordinal) || label.Contains("FISCAL", StringComparison.Ordinal) || label is "TIN";
        if (tax && russian && digits is 10 or 12)
        {
            return Inn;
        }

        var registration = label.Contains("REG", StringComparison.Ordinal);
        if (registration && russian && digits is 13 or 15)
        {
            return Ogrn;
        }

        return Other;
    }

    /// <summary>
    /// Upper case, spaces and punctuation removed; the "IMO" prefix dropped; for VAT the two-letter country prefix
    /// dropped (NL123456789B01 and 123456789B01 are the same number; the country is compared separately).
    /// </summary>
    public static string Normalise(string kind, string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, 64));
        foreach (var c in value)
        {
            if (text.Length >= 64)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(char.ToUpperInvariant(c));
            }
        }

        var s = text.ToString();
        if (kind == Imo && s.StartsWith("IMO", StringComparison.Ordinal))
        {
            s = s[3..];
        }
        else if (kind == Vat && s.Length > 2 && char.IsAsciiLetter(s[0]) && char.IsAsciiLetter(s[1]))
        {
            s = s[2..];
        }

        return s;
    }

    /// <summary>A list identifier with its value normalised.</summary>
    public static ListIdentifier Make(string kind, string value) => new(kind, Normalise(kind, value));
}
