using System.Text;
using System.Text.Json;
using Portcullis.Domain.Standards;
using Portcullis.Ingest;

namespace Portcullis.Integrity.Readings;

/// <summary>
/// What every reading must satisfy, whichever format it came in: identity within limits, a time
/// neither before device clocks were set nor ahead of ours beyond the skew, the field its kind is
/// about present and plausible. Optional fields out of range are dropped with a warning and the
/// reading keeps its raw JSON, so nothing sent is lost.
/// </summary>
internal static class ReadingChecks
{
    /// <summary>Plausible ranges: beyond them a sensor is broken or the unit is wrong, and a rule must not act on the value.</summary>
    private static (double Min, double Max)? RangeOf(ReadingKind kind) => kind switch
    {
        ReadingKind.ReeferMeasurement or ReadingKind.ReeferSetPoint => (-80, 80),
        ReadingKind.Light => (0, 200_000),
        ReadingKind.Shock => (0, 1_000),
        ReadingKind.Motion => (0, 1_000),
        _ => null,
    };

    /// <summary>RFC 3339: the offset is required, since a local time without one is ambiguous.</summary>
    public static DateTime? Time(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var raw = reader.ValueSpan;
        if (reader.ValueIsEscaped || raw.Length < 20 || raw[10] is not ((byte)'T' or (byte)'t'))
        {
            return null;
        }

        var hasOffset = raw[^1] is (byte)'Z' or (byte)'z' || raw[^6] is (byte)'+' or (byte)'-';
        return hasOffset && reader.TryGetDateTimeOffset(out var parsed) ? parsed.UtcDateTime : null;
    }

    public static ReadingResult Check(SensorReading reading, int index, InputPosition at, ReadContext context, List<IngestIssue> warnings, ReadOnlyMemory<byte> slice, bool keepRaw)
    {
        var options = context.Options;
        var name = $"Reading {Short(reading.ReadingId)} of device {Short(reading.DeviceId)}";
        if (reading.DeviceId.Length > options.MaxIdLength || reading.ReadingId.Length > options.MaxIdLength)
        {
            return Reject(index, "reading.id-too-long", $"{name} has a device or reading id longer than {options.MaxIdLength} characters; shorten it.", at);
        }

        if (reading.OccurredAt < options.Earliest)
        {
            return Reject(index, "reading.too-old", $"{name} is dated {reading.OccurredAt:yyyy-MM-dd HH:mm:ss}Z, before {options.Earliest:yyyy-MM-dd}; the device's clock is not set: set it (GPS or NTP) and send again.", at);
        }

        var ahead = reading.OccurredAt - context.Now;
        if (ahead > options.MaxClockSkew)
        {
            return Reject(index, "reading.from-the-future",
                $"{name} is dated {reading.OccurredAt:yyyy-MM-dd HH:mm:ss}Z, {Math.Ceiling(ahead.TotalMinutes):0} minutes ahead of our clock (tolerance {options.MaxClockSkew.TotalMinutes:0} minutes); correct the device's clock and send it again.", at);
        }

        if (reading.ContainerNumber is { } container)
        {
            var parsed = ContainerNumber.Parse(container);
            if (parsed.Success)
            {
                reading = reading with { ContainerNumber = parsed.Value.Value };
            }
            else if (container.Length > 20)
            {
                warnings.Add(IngestIssue.Warning("reading.bad-container", $"{name} names container '{Short(container)}', which is too long for a container number; the reading is kept without one.", at));
                reading = reading with { ContainerNumber = null };
            }
            else
            {
                // Kept as given, like container events: matched by its exact text, never corrected.
                warnings.Add(IngestIssue.Warning("reading.unverified-container", $"{name} names container {container}, which is not a valid ISO 6346 number; it is kept as sent.", at));
                reading = reading with { ContainerNumber = container.ToUpperInvariant() };
            }
        }

        if (reading.Latitude is { } lat && reading.Longitude is { } lon && (Math.Abs(lat) > 90 || Math.Abs(lon) > 180))
        {
            if (reading.Kind == ReadingKind.Position)
            {
                return Reject(index, "reading.bad-coordinates", $"{name} is a position at latitude {lat}, longitude {lon}, outside WGS 84 (±90, ±180); send degrees, latitude first.", at);
            }

            warnings.Add(IngestIssue.Warning("reading.bad-coordinates", $"{name} has latitude {lat}, longitude {lon}, outside WGS 84 (±90, ±180); the position is left out.", at));
            reading = reading with { Latitude = null, Longitude = null };
        }
        else if ((reading.Latitude is null) != (reading.Longitude is null))
        {
            if (reading.Kind == ReadingKind.Position)
            {
                return Reject(index, "reading.bad-coordinates", $"{name} is a position with only one coordinate; send both lat and lon.", at);
            }

            warnings.Add(IngestIssue.Warning("reading.bad-coordinates", $"{name} has only one of lat and lon; the position is left out.", at));
            reading = reading with { Latitude = null, Longitude = null };
        }

        if (reading.BatteryPercent is { } battery && battery is < 0 or > 100)
        {
            warnings.Add(IngestIssue.Warning("reading.bad-battery", $"{name} reports battery {battery}%, outside 0–100; it is left out.", at));
            reading = reading with { BatteryPercent = null };
        }

        var essential = reading.Kind switch
        {
            ReadingKind.Seal when reading.Seal is null => "seal (sealed, opened or tampered)",
            ReadingKind.Door when reading.DoorOpen is null => "door (open or closed)",
            ReadingKind.Position when reading.Latitude is null => "lat and lon",
            ReadingKind.ReeferMeasurement or ReadingKind.Light or ReadingKind.Shock when reading.Value is null => "value",
            ReadingKind.ReeferSetPoint when reading.SetPoint is null => "setPoint",
            _ => null,
        };
        if (essential is not null)
        {
            return Reject(index, "reading.missing-field", $"{name} is a {reading.Kind} reading without {essential}; send it.", at);
        }

        if (RangeOf(reading.Kind) is { } range)
        {
            if (reading.Value is { } value && (value < range.Min || value > range.Max))
            {
                if (reading.Kind is ReadingKind.ReeferMeasurement or ReadingKind.Light or ReadingKind.Shock)
                {
                    return Reject(index, "reading.implausible-value", $"{name} has value {value}, outside what a {reading.Kind} sensor can measure ({range.Min} to {range.Max}); check the sensor and its unit.", at);
                }

                warnings.Add(IngestIssue.Warning("reading.implausible-value", $"{name} has value {value}, outside {range.Min} to {range.Max}; it is left out.", at));
                reading = reading with { Value = null };
            }

            if (reading.SetPoint is { } setPoint && (setPoint < range.Min || setPoint > range.Max))
            {
                if (reading.Kind == ReadingKind.ReeferSetPoint)
                {
                    return Reject(index, "reading.implausible-value", $"{name} has set point {setPoint} °C, outside {range.Min} to {range.Max}; check the unit.", at);
                }

                warnings.Add(IngestIssue.Warning("reading.implausible-value", $"{name} has set point {setPoint} °C, outside {range.Min} to {range.Max}; it is left out.", at));
                reading = reading with { SetPoint = null };
            }
        }

        if (keepRaw || warnings.Count > 0)
        {
            reading = reading with { Raw = Encoding.UTF8.GetString(slice.Span) };
        }

        return new ReadingResult(index, reading, null, warnings.Count == 0 ? [] : warnings);
    }

    private static ReadingResult Reject(int index, string code, string message, InputPosition at) => ReadingResult.Rejected(index, IngestIssue.Error(code, message, at));

    /// <summary>Ids echoed in a message are cut, so that a hostile id does not fill the log.</summary>
    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
