namespace Portcullis.Risk.Features;

/// <summary>
/// An open-addressing hash table from a 64-bit key (never 0) to a <see cref="Tally"/>: key and counts
/// share one 24-byte slot, so a lookup costs one cache miss instead of the two of a Dictionary, which
/// is what the history pass is bound by once it holds millions of keys. Linear probing, at most half
/// full. Reads are safe from many threads while nobody writes.
/// </summary>
internal sealed class TallyTable
{
    private struct Slot
    {
        public ulong Key;
        public Tally Value;
    }

    private Slot[] slots;
    private int mask;

    public TallyTable(int capacity = 1 << 16)
    {
        var size = 16;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        slots = new Slot[size];
        mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>The tally of a key; all zero when it was never counted.</summary>
    public Tally Get(ulong key)
    {
        var s = slots;
        var i = (int)(key & (ulong)mask);
        while (true)
        {
            ref var slot = ref s[i];
            if (slot.Key == key)
            {
                return slot.Value;
            }

            if (slot.Key == 0)
            {
                return default;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>The tally of a key to update in place, added (zero) when new.</summary>
    public ref Tally GetOrAdd(ulong key)
    {
        if (Count * 2 >= slots.Length)
        {
            Grow();
        }

        var i = (int)(key & (ulong)mask);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Key == key)
            {
                return ref slot.Value;
            }

            if (slot.Key == 0)
            {
                slot.Key = key;
                Count++;
                return ref slot.Value;
            }

            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var old = slots;
        slots = new Slot[old.Length * 2];
        mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key != 0)
            {
                var i = (int)(slot.Key & (ulong)mask);
                while (slots[i].Key != 0)
                {
                    i = (i + 1) & mask;
                }

                slots[i] = slot;
            }
        }
    }
}
