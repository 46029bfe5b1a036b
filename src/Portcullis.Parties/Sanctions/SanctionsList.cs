using System.Security.Cryptography;
using System.Text;

namespace Portcullis.Parties.Sanctions;

/// <summary>The list a snapshot came from (`portcullis sanctions import FILE --source eu|un|ofac|ftm`).</summary>
public enum SanctionsSource
{
    /// <summary>EU consolidated financial sanctions list (XML).</summary>
    Eu,

    /// <summary>UN Security Council consolidated list (XML).</summary>
    Un,

    /// <summary>US OFAC Specially Designated Nationals list (XML).</summary>
    Ofac,

    /// <summary>FollowTheMoney entity export (JSON lines), as OpenSanctions publishes it.</summary>
    Ftm,
}

public enum ListSubjectKind
{
    Person,
    Organisation,
    Vessel,
    Other,
}

/// <summary>An identifier on a list entry or a party: kind is INN, OGRN, IMO, LEI, VAT, EORI, PASSPORT or OTHER.</summary>
public sealed record ListIdentifier(string Kind, string Value);

/// <summary>One designated person, organisation or vessel as the list gives it.</summary>
public sealed record SanctionsEntry
{
    /// <summary>The list's own stable id (EU logicalId, UN DATAID, OFAC uid, FTM id).</summary>
    public required string EntryId { get; init; }

    public required ListSubjectKind Kind { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<ListIdentifier> Identifiers { get; init; } = [];

    /// <summary>ISO 3166 alpha-2 codes (nationality, citizenship, address country, jurisdiction).</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>Dates of birth as given (a year, a year and month, or a full date).</summary>
    public IReadOnlyList<string> BirthDates { get; init; } = [];

    /// <summary>The regime or programme (e.g. "RUSSIA-EO14024", "UKR").</summary>
    public string? Programme { get; init; }

    /// <summary>A hash of the entry's content: a dismissed hit holds until the entry changes.</summary>
    public string ContentHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        [EntryId, Kind.ToString(), Name, string.Join('\u001e', Aliases), string.Join('\u001e', Identifiers.Select(i => i.Kind + ":" + i.Value)),
         string.Join('\u001e', Countries), string.Join('\u001e', Addresses), string.Join('\u001e', BirthDates), Programme ?? ""]))));
}

/// <summary>One version of one list.</summary>
public sealed record SanctionsList(SanctionsSource Source, string Version, DateTimeOffset? PublishedAt, IReadOnlyList<SanctionsEntry> Entries);

/// <summary>A problem in a list file at a line and column (XML) or line (JSON lines).</summary>
public sealed record ListIssue(long Line, long Column, string Message)
{
    public override string ToString() => Column > 0 ? $"line {Line}, column {Column}: {Message}" : $"line {Line}: {Message}";
}

/// <summary>A reader's answer: the whole list with warnings, or an error and nothing (never half a list).</summary>
public sealed record SanctionsListResult(SanctionsList? List, IReadOnlyList<ListIssue> Warnings, ListIssue? Error)
{
    public static SanctionsListResult Fail(long line, long column, string message) => new(null, [], new ListIssue(line, column, message));
}

public interface ISanctionsListReader
{
    SanctionsSource Source { get; }

    SanctionsListResult Read(Stream stream, CancellationToken cancellationToken);
}
