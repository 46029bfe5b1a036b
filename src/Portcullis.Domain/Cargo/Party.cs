namespace Portcullis.Domain.Cargo;

/// <summary>A trader or intermediary that appears on manifests and declarations.</summary>
public sealed class Party
{
    public required Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>ISO 3166 alpha-2 country of establishment.</summary>
    public required string CountryCode { get; set; }

    /// <summary>EU Economic Operators Registration and Identification number, when known.</summary>
    public string? Eori { get; set; }

    public AeoStatus Aeo { get; set; }

    /// <summary>When customs first saw this party on any document (UTC); new parties carry more risk.</summary>
    public required DateTime FirstSeen { get; set; }

    /// <summary>Street and house number as the first document that named the party sent them; never normalised.</summary>
    public string? Street { get; set; }

    public string? City { get; set; }

    public string? Postcode { get; set; }

    /// <summary>The phone number as sent (any format: +31 10…, 0031 10…, 010…); resolution normalises it, storage does not.</summary>
    public string? Phone { get; set; }

    public string? Email { get; set; }
}
