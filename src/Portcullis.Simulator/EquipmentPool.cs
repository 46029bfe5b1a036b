using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;

namespace Portcullis.Simulator;

/// <summary>
/// The world's containers as the simulator sees them: per carrier and size/type a fixed set of
/// slots, each a container that is created (and emitted as new equipment) the first time it is
/// used and then cycles back into service after its trip. Numbers are unique by construction:
/// every owner code belongs to one carrier and every size/type has its own serial range.
/// </summary>
internal sealed class EquipmentPool(SimRandom rng)
{
    private readonly Dictionary<string, Slots> pools = new(StringComparer.Ordinal);

    public static bool IsReefer(string sizeType) => sizeType[2] == 'R';

    /// <summary>A container of the carrier and size/type that is free today; busy until <paramref name="busyUntilDay"/>.</summary>
    public string Acquire(string carrier, string sizeType, DayContext day, int busyUntilDay)
    {
        var key = carrier + ":" + sizeType;
        if (!pools.TryGetValue(key, out var slots))
        {
            slots = new Slots(OwnerCodes(carrier, IsReefer(sizeType)), SerialRange(sizeType), SlotCount(carrier, sizeType), rng.Next(1000));
            pools[key] = slots;
        }

        var index = rng.Next(slots.Numbers.Length);
        for (var attempt = 0; attempt < 16 && slots.BusyUntil[index] >= day.Index; attempt++)
        {
            index = rng.Next(slots.Numbers.Length);
        }

        slots.BusyUntil[index] = busyUntilDay;
        var number = slots.Numbers[index];
        if (number is null)
        {
            number = slots.Create(index);
            slots.Numbers[index] = number;
            day.NewEquipment.Add(new Equipment { ContainerNumber = number, SizeType = sizeType, Reefer = IsReefer(sizeType) });
        }

        return number;
    }

    private static string[] OwnerCodes(string carrier, bool reefer) => (carrier, reefer) switch
    {
        ("MAEU", false) => ["MSKU", "MRKU", "MAEU", "TGHU"],
        ("MAEU", true) => ["MNBU", "MWCU"],
        ("MSCU", false) => ["MSCU", "MEDU", "MSMU", "SEGU"],
        ("MSCU", true) => ["MSCU", "TRIU"],
        ("CMDU", false) => ["CMAU", "CGMU", "TCLU", "GESU"],
        ("CMDU", true) => ["CGMU", "TTNU"],
        ("HLCU", false) => ["HLXU", "HLBU", "UACU", "FSCU"],
        ("HLCU", true) => ["HLXU", "TEMU"],
        ("ONEY", false) => ["ONEU", "NYKU", "BMOU"],
        ("ONEY", true) => ["ONEU", "TRLU"],
        ("EGLV", false) => ["EGHU", "EMCU", "EISU", "TRHU"],
        ("EGLV", true) => ["EMCU", "EGSU"],
        ("COSU", false) => ["CSNU", "CBHU", "OOLU", "FCIU"],
        ("COSU", true) => ["CSNU", "OOCU"],
        ("SEAU", _) => ["SZLU", "SEAU"],
        ("BLRS", _) => ["BLRU"],
        _ => ["XINU"],
    };

    /// <summary>Disjoint serial ranges per size/type keep numbers unique when one owner code has several types.</summary>
    private static (int Offset, int Span) SerialRange(string sizeType) => sizeType switch
    {
        "22G1" => (0, 250_000),
        "42G1" => (250_000, 150_000),
        "45G1" => (400_000, 300_000),
        "45R1" => (700_000, 200_000),
        "42R1" => (900_000, 50_000),
        _ => (950_000, 50_000),
    };

    private static int SlotCount(string carrier, string sizeType)
    {
        var small = carrier is "SEAU" or "BLRS";
        var count = sizeType switch
        {
            "22G1" => 30_000,
            "42G1" => 15_000,
            "45G1" => 30_000,
            "45R1" => 15_000,
            "42R1" => 4_000,
            _ => 3_000,
        };
        return small ? count / 4 : count;
    }

    private sealed class Slots(string[] owners, (int Offset, int Span) range, int count, int salt)
    {
        public string?[] Numbers { get; } = new string?[count];

        public int[] BusyUntil { get; } = CreateBusy(count);

        /// <summary>Slot i belongs to owner i mod n; its serial is an affine permutation of i / n within the range.</summary>
        public string Create(int index)
        {
            var owner = owners[index % owners.Length];
            var k = (long)(index / owners.Length);
            var serial = range.Offset + (int)(((k * 7919) + salt) % range.Span);
            return ContainerNumber.Create(owner[..3], owner[3], serial).Value;
        }

        private static int[] CreateBusy(int count)
        {
            var busy = new int[count];
            Array.Fill(busy, int.MinValue);
            return busy;
        }
    }
}
