using System.Globalization;
using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>Ships, aircraft and trucks, and the movements (voyages, flights, trips) they make.</summary>
internal sealed class Fleet(SimRandom rng)
{
    private static readonly string[] OnwardPorts = ["DEHAM", "BEANR", "GBFXT", "FRLEH", "DEBRV"];
    private static readonly string[] Freighters = ["Boeing 777F", "Boeing 747-400F", "Boeing 747-8F", "Airbus A350-900", "Boeing 787-9"];

    private readonly Dictionary<string, List<(string Name, string Imo)>> vessels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> flightNumbers = new(StringComparer.Ordinal);

    public static string AwbPrefix(string airline) => airline switch
    {
        "KL" or "MP" => "074",
        "CV" => "172",
        "EK" => "176",
        "QR" => "157",
        "ET" => "071",
        "TK" => "235",
        "LA" => "045",
        "CX" => "160",
        _ => "999",
    };

    /// <summary>
    /// A voyage that ends today at the hub: the rotation ports (load ports and transshipment hubs)
    /// spread over the transit time before it, and sometimes an onward call after it.
    /// </summary>
    public TransportMovement Voyage(Lane lane, string carrier, string hubLocode, DateTime arrival, bool onward)
    {
        var ship = Vessel(carrier);
        var movement = new TransportMovement
        {
            Id = rng.NextGuid(),
            Mode = TransportMode.Sea,
            Carrier = carrier,
            Reference = DocumentNumbers.Voyage(rng, lane.VoyageDirection),
            MeansName = ship.Name,
            MeansId = ship.Imo,
        };

        var transit = TimeSpan.FromDays(rng.Uniform(lane.MinTransitDays, lane.MaxTransitDays));
        var firstDeparture = arrival - transit;
        var ports = lane.Rotation.Length > 0 ? lane.Rotation : BulkLoadPorts(lane);
        for (var i = 0; i < ports.Length; i++)
        {
            var departure = firstDeparture + (transit * 0.85 * i / ports.Length);
            AddCall(movement, ports[i], departure.AddHours(-rng.Uniform(12, 40)), departure);
        }

        AddCall(movement, hubLocode, arrival, arrival.AddHours(rng.Uniform(18, 40)));
        if (onward)
        {
            var next = arrival.AddDays(rng.Uniform(2, 3.5));
            AddCall(movement, rng.Pick(OnwardPorts), next, next.AddHours(rng.Uniform(14, 30)));
        }

        return movement;
    }

    /// <summary>A flight arriving at Schiphol today, via a Gulf hub for the Gulf carriers.</summary>
    public TransportMovement Flight(string airline, string origin, string? via, DateTime arrival)
    {
        var key = airline + origin;
        if (!flightNumbers.TryGetValue(key, out var number))
        {
            number = airline + rng.Next(100, 9999).ToString(CultureInfo.InvariantCulture);
            flightNumbers[key] = number;
        }

        var movement = new TransportMovement
        {
            Id = rng.NextGuid(),
            Mode = TransportMode.Air,
            Carrier = airline,
            Reference = number,
            MeansName = rng.Pick(Freighters),
            MeansId = "PH-" + rng.Letters(3),
        };
        var flightHours = rng.Uniform(6, 13);
        var departure = arrival.AddHours(-flightHours);
        if (via is not null && !string.Equals(via, origin, StringComparison.Ordinal))
        {
            var viaDeparture = arrival.AddHours(-rng.Uniform(6.5, 7.5));
            AddCall(movement, origin, null, viaDeparture.AddHours(-rng.Uniform(5, 9)));
            AddCall(movement, via, viaDeparture.AddHours(-rng.Uniform(2, 5)), viaDeparture);
        }
        else
        {
            AddCall(movement, origin, null, departure);
        }

        AddCall(movement, "NLAMS", arrival, null);
        return movement;
    }

    public TransportMovement Truck(string haulier, string from, string to, DateTime departure, DateTime arrival)
    {
        var movement = new TransportMovement
        {
            Id = rng.NextGuid(),
            Mode = TransportMode.Road,
            Carrier = haulier,
            Reference = DocumentNumbers.TruckPlate(rng),
            MeansName = "Refrigerated truck",
        };
        AddCall(movement, from, null, departure);
        AddCall(movement, to, arrival, null);
        return movement;
    }

    public bool PickOnward() => rng.Chance(0.6);

    private string[] BulkLoadPorts(Lane lane)
    {
        var first = lane.Origins[rng.WeightedIndex(Weights(lane.Origins))].Code;
        if (!rng.Chance(0.4))
        {
            return [first];
        }

        // A second load port on the same coast: West African cocoa ships often load at two ports.
        var second = lane.Origins[rng.WeightedIndex(Weights(lane.Origins))].Code;
        var westAfrica = first[..2] is "CI" or "GH" && second[..2] is "CI" or "GH";
        return westAfrica && !string.Equals(first, second, StringComparison.Ordinal) ? [first, second] : [first];
    }

    private (string Name, string Imo) Vessel(string carrier)
    {
        if (!vessels.TryGetValue(carrier, out var fleet))
        {
            fleet = [];
            for (var i = 0; i < 40; i++)
            {
                fleet.Add((NameGenerator.Vessel(rng).ToUpperInvariant(), DocumentNumbers.ImoNumber(rng)));
            }

            vessels[carrier] = fleet;
        }

        return fleet[rng.Next(fleet.Count)];
    }

    private void AddCall(TransportMovement movement, string locode, DateTime? arrival, DateTime? departure) =>
        movement.Calls.Add(new TransportCall
        {
            Id = rng.NextGuid(),
            MovementId = movement.Id,
            Sequence = movement.Calls.Count + 1,
            UnLocode = locode,
            Arrival = WholeSeconds(arrival),
            Departure = WholeSeconds(departure),
        });

    /// <summary>Schedules are published to the second; sub-second noise would look machine-made.</summary>
    private static DateTime? WholeSeconds(DateTime? time) =>
        time is { } t ? new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc) : null;

    internal static double[] Weights(Weighted[] items)
    {
        var weights = new double[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            weights[i] = items[i].Weight;
        }

        return weights;
    }
}
