namespace Portcullis.Domain.Cargo;

/// <summary>A voyage, flight or truck trip: one means of transport on one journey.</summary>
public sealed class TransportMovement
{
    public required Guid Id { get; init; }

    public required TransportMode Mode { get; init; }

    /// <summary>Carrier code: SCAC for shipping lines, IATA airline code for flights, haulier name for trucks.</summary>
    public required string Carrier { get; init; }

    /// <summary>Voyage number, flight number or truck licence plate.</summary>
    public required string Reference { get; init; }

    /// <summary>Vessel name, aircraft registration or truck description.</summary>
    public string? MeansName { get; init; }

    /// <summary>IMO number for vessels.</summary>
    public string? MeansId { get; init; }

    public List<TransportCall> Calls { get; init; } = [];
}

/// <summary>One stop of a movement at a location, in order.</summary>
public sealed class TransportCall
{
    public required Guid Id { get; init; }

    public required Guid MovementId { get; init; }

    public required int Sequence { get; init; }

    /// <summary>The UN/LOCODE; empty when the sender named the place otherwise (<see cref="PlaceName"/>).</summary>
    public required string UnLocode { get; init; }

    /// <summary>The place as the sender named it when that was not a UN/LOCODE (free text, kept as sent).</summary>
    public string? PlaceName { get; init; }

    public DateTime? Arrival { get; set; }

    public DateTime? Departure { get; set; }
}
