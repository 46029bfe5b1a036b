using System.Globalization;
using System.Text;
using System.Text.Json;
using Portcullis.Ingest;

namespace Portcullis.Integrity.Readings;

/// <summary>
/// The Portcullis reading object (docs/INTEGRITY.md, "Seals and sensors"): flat camelCase fields,
/// read in one pass with <see cref="Utf8JsonReader"/> since this is the path every MQTT message
/// takes. Identity (device, id, time) and the field a kind is about are required; any other field
/// that cannot be read is a warning and left empty. Unknown fields are kept in Raw.
/// </summary>
internal static class PortcullisReadings
{
    private sealed class Fields
    {
        public string? Device;
        public string? Manufacturer;
        public string? Serial;
        public string? Id;
        public DateTime? Time;
        public bool TimeGiven;
        public string? Container;
        public ReadingKind? Kind;
        public double? Latitude;
        public double? Longitude;
        public SealState? Seal;
        public string? SealNumber;
        public bool? Door;
        public double? Value;
        public double? SetPoint;
        public double? Battery;
        public bool KeepRaw;
    }

    public static ReadingResult Read(ReadOnlyMemory<byte> slice, int index, int offset, ReadContext context)
    {
        var f = new Fields();
        var warnings = new List<IngestIssue>(0);
        var reader = new Utf8JsonReader(slice.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var at = offset + reader.TokenStartIndex;
            reader.Read();
            switch (name)
            {
                case "device": f.Device = Text(ref reader); break;
                case "manufacturer": f.Manufacturer = Text(ref reader); break;
                case "serial": f.Serial = Text(ref reader); break;
                case "id": f.Id = reader.TokenType == JsonTokenType.Number ? Encoding.UTF8.GetString(reader.ValueSpan) : Text(ref reader); break;
                case "time":
                    f.TimeGiven = reader.TokenType != JsonTokenType.Null;
                    f.Time = ReadingChecks.Time(ref reader);
                    break;
                case "container": f.Container = Text(ref reader); break;
                case "kind":
                    var kind = Text(ref reader);
                    f.Kind = kind is null ? null : Kind(kind);
                    if (f.Kind is null && kind is not null)
                    {
                        return ReadingResult.Rejected(index, IngestIssue.Error("reading.unknown-kind",
                            $"Reading {index} has kind '{kind}', which we do not know; use seal, door, light, motion, shock, position, reefer, setpoint or status.", context.At(at)));
                    }

                    break;
                case "lat": f.Latitude = Number(ref reader, name, at, index, context, warnings, f); break;
                case "lon": f.Longitude = Number(ref reader, name, at, index, context, warnings, f); break;
                case "value": f.Value = Number(ref reader, name, at, index, context, warnings, f); break;
                case "setPoint": f.SetPoint = Number(ref reader, name, at, index, context, warnings, f); break;
                case "battery": f.Battery = Number(ref reader, name, at, index, context, warnings, f); break;
                case "sealNumber": f.SealNumber = Text(ref reader); break;
                case "seal":
                    var seal = Text(ref reader);
                    f.Seal = seal switch { "sealed" => SealState.Sealed, "opened" => SealState.Opened, "tampered" => SealState.Tampered, _ => null };
                    if (seal is not null && f.Seal is null)
                    {
                        Warn(warnings, f, "reading.bad-field", $"Reading {index} has seal '{seal}'; use sealed, opened or tampered.", context.At(at));
                    }

                    break;
                case "door":
                    f.Door = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        JsonTokenType.String when reader.ValueTextEquals("open") => true,
                        JsonTokenType.String when reader.ValueTextEquals("closed") => false,
                        _ => null,
                    };
                    if (f.Door is null && reader.TokenType != JsonTokenType.Null)
                    {
                        Warn(warnings, f, "reading.bad-field", $"Reading {index} has a door value that is not open, closed, true or false; send one of those.", context.At(at));
                    }

                    break;
                default:
                    // A field nobody reads yet is not lost: the reading keeps its raw JSON.
                    f.KeepRaw = true;
                    reader.Skip();
                    break;
            }
        }

        var position = context.At(offset);
        var device = f.Device ?? (f.Manufacturer is not null && f.Serial is not null ? $"{f.Manufacturer}:{f.Serial}" : null);
        if (device is null)
        {
            return ReadingResult.Rejected(index, IngestIssue.Error("reading.missing-device",
                $"Reading {index} names no device; send device (for an e-seal manufacturer and serial, as \"MFR:SERIAL\").", position));
        }

        if (f.Id is null)
        {
            return ReadingResult.Rejected(index, IngestIssue.Error("reading.missing-id",
                $"Reading {index} of device {device} has no id; give every reading the device's own id or sequence number, so that sending it again is harmless.", position));
        }

        if (f.Time is null)
        {
            return ReadingResult.Rejected(index, IngestIssue.Error(f.TimeGiven ? "reading.bad-time" : "reading.missing-time",
                $"Reading {f.Id} of device {device} has {(f.TimeGiven ? "a time that is not an ISO 8601 date-time with offset" : "no time")}; send when it was observed, e.g. 2026-12-06T10:15:00Z.", position));
        }

        var kindOf = f.Kind ?? Infer(f);
        if (kindOf is null)
        {
            return ReadingResult.Rejected(index, IngestIssue.Error("reading.missing-kind",
                $"Reading {f.Id} of device {device} has no kind and no field to tell it by; send kind (seal, door, light, motion, shock, position, reefer, setpoint or status).", position));
        }

        var reading = new SensorReading(device, f.Id, f.Container, kindOf.Value, f.Time.Value, f.Latitude, f.Longitude, f.Seal, f.SealNumber, f.Door, f.Value, f.SetPoint, f.Battery);
        return ReadingChecks.Check(reading, index, position, context, warnings, slice, f.KeepRaw);
    }

    private static void Warn(List<IngestIssue> warnings, Fields f, string code, string message, InputPosition at)
    {
        warnings.Add(IngestIssue.Warning(code, message, at));
        f.KeepRaw = true;
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!.Trim();
            return text.Length == 0 ? null : text;
        }

        reader.Skip();
        return null;
    }

    private static double? Number(ref Utf8JsonReader reader, string name, long at, int index, ReadContext context, List<IngestIssue> warnings, Fields f)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value))
        {
            return value;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            Warn(warnings, f, "reading.bad-field", $"Reading {index} has a {name} that is not a number; send a JSON number such as 51.9.", context.At(at));
        }

        reader.Skip();
        return null;
    }

    private static ReadingKind? Kind(string kind) => kind switch
    {
        "seal" => ReadingKind.Seal,
        "door" => ReadingKind.Door,
        "light" => ReadingKind.Light,
        "motion" => ReadingKind.Motion,
        "shock" => ReadingKind.Shock,
        "position" => ReadingKind.Position,
        "reefer" => ReadingKind.ReeferMeasurement,
        "setpoint" => ReadingKind.ReeferSetPoint,
        "status" => ReadingKind.DeviceStatus,
        _ => null,
    };

    private static ReadingKind? Infer(Fields f) =>
        f.Seal is not null ? ReadingKind.Seal
        : f.Door is not null ? ReadingKind.Door
        : f.Latitude is not null && f.Longitude is not null && f.Value is null ? ReadingKind.Position
        : null;

    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
