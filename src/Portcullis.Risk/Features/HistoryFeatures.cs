using System.Buffers;

namespace Portcullis.Risk.Features;

/// <summary>Which cases of a pass get vectors and facts, and which labels the history may learn.</summary>
public sealed record HistoryPassOptions
{
    /// <summary>Cases (by index) to write a vector for; null = all. Others still feed the history.</summary>
    public Func<int, bool>? Want { get; init; }

    /// <summary>Whether a case's label may be learned (once known); null = every label. Used to hide outcomes nobody saw yet.</summary>
    public Func<int, bool>? LabelVisible { get; init; }

    /// <summary>
    /// When set, each wanted vector is handed to this callback (case index, vector) instead of being
    /// kept: the buffer is reused afterwards, so a million cases are scored without a million arrays.
    /// Called from several threads at once.
    /// </summary>
    public Action<int, float[]>? Sink { get; init; }

    /// <summary>Also compute <see cref="CaseFacts"/> for the wanted cases.</summary>
    public bool WithFacts { get; init; }

    /// <summary>The moment the final snapshot stands at; labels known before the start of its day are in it. Default: the day after the last case.</summary>
    public DateTime? SnapshotAsOf { get; init; }
}

/// <summary>The vectors (null for unwanted cases), facts and the frozen history at the end of a pass.</summary>
public sealed record HistoryPass(float[]?[] Vectors, CaseFacts?[] Facts, HistorySnapshot Snapshot);

/// <summary>
/// The leakage-free running store, in one pass over cases sorted by date. Day by day: first learn every
/// visible outcome known strictly before the day starts, then encode all of the day's cases against
/// that state, and only then count the day's declarations. A case therefore never sees its own or a
/// same-day outcome nor a same-day declaration, and every training row is encoded out of fold.
/// </summary>
public static class HistoryFeatures
{
    /// <summary>Runs the pass. Throws when the cases are not sorted by date.</summary>
    public static HistoryPass Run(IReadOnlyList<RiskCase> cases, FeatureLayout layout, HistoryPassOptions? options, CancellationToken ct)
    {
        options ??= new HistoryPassOptions();
        var encoder = new CaseEncoder(layout);
        var state = new HistoryState(encoder.FamilyCount);
        var vectors = new float[]?[cases.Count];
        var facts = new CaseFacts?[cases.Count];
        // Outcomes waiting to become known, with the keys of their case (computed once, learned later).
        var pending = new PriorityQueue<(ulong[] Keys, bool Hit), DateTime>();
        int parts = encoder.PartCount, families = encoder.FamilyCount, stride = parts + families;
        var buffer = Array.Empty<ulong>();
        var i = 0;
        while (i < cases.Count)
        {
            ct.ThrowIfCancellationRequested();
            var day = cases[i].Date.Date;
            var end = i;
            while (end < cases.Count && cases[end].Date.Date == day)
            {
                end++;
            }

            if (end < cases.Count && cases[end].Date < day)
            {
                throw new ArgumentException($"Cases must be sorted by date: case {cases[end].Id} comes after {cases[end - 1].Id}.", nameof(cases));
            }

            LearnBefore(day, state, pending);
            if (buffer.Length < (end - i) * stride)
            {
                buffer = new ulong[(end - i) * stride * 2];
            }

            // Encoding only reads the state, so a day's cases are spread over the cores.
            var first = i;
            var chunks = ((end - i) + 255) / 256;
            Parallel.For(0, chunks, new ParallelOptions { CancellationToken = ct }, chunk =>
            {
                float[]? reused = null;
                for (var k = first + (chunk * 256); k < Math.Min(end, first + ((chunk + 1) * 256)); k++)
                {
                    var slice = buffer.AsSpan((k - first) * stride, stride);
                    var c = cases[k];
                    encoder.Parts(c, slice[..parts]);
                    encoder.Keys(slice[..parts], slice[parts..]);
                    if (options.Want?.Invoke(k) ?? true)
                    {
                        var row = options.Sink is null ? new float[layout.Width] : reused ??= new float[layout.Width];
                        encoder.Write(c, slice[..parts], slice[parts..], state, row);
                        if (options.Sink is { } sink)
                        {
                            sink(k, row);
                        }
                        else
                        {
                            vectors[k] = row;
                        }

                        facts[k] = options.WithFacts ? encoder.Facts(c, slice[..parts], state) : null;
                    }
                }
            });

            for (var k = i; k < end; k++)
            {
                var c = cases[k];
                var slice = buffer.AsSpan((k - i) * stride, stride);
                state.Observe(slice[parts..], slice[..parts], CaseEncoder.LogValuePerKg(c), day);
                if (c.Label is { } label && (options.LabelVisible?.Invoke(k) ?? true))
                {
                    // Pooled: a million labelled cases would otherwise leave a million arrays for the GC.
                    var keys = ArrayPool<ulong>.Shared.Rent(families);
                    slice[parts..].CopyTo(keys);
                    pending.Enqueue((keys, label.Hit), label.KnownAt);
                }
            }

            i = end;
        }

        var asOf = options.SnapshotAsOf ?? (cases.Count == 0 ? DateTime.MaxValue : cases[^1].Date.Date.AddDays(1));
        LearnBefore(asOf.Date, state, pending);
        return new HistoryPass(vectors, facts, new HistorySnapshot(encoder, state, asOf));
    }

    private static void LearnBefore(DateTime dayStart, HistoryState state, PriorityQueue<(ulong[] Keys, bool Hit), DateTime> pending)
    {
        while (pending.TryPeek(out var outcome, out var knownAt) && knownAt < dayStart)
        {
            pending.Dequeue();
            state.Learn(outcome.Keys.AsSpan(0, state.Families), outcome.Hit);
            ArrayPool<ulong>.Shared.Return(outcome.Keys);
        }
    }
}

/// <summary>
/// The history frozen "as of" a moment: encodes new cases without changing anything, so any number of
/// threads may read it at once.
/// </summary>
public sealed class HistorySnapshot
{
    private readonly CaseEncoder encoder;
    private readonly HistoryState state;

    internal HistorySnapshot(CaseEncoder encoder, HistoryState state, DateTime asOf)
    {
        this.encoder = encoder;
        this.state = state;
        AsOf = asOf;
    }

    /// <summary>Outcomes known before the start of this moment's day are in the snapshot.</summary>
    public DateTime AsOf { get; }

    public FeatureLayout Layout => encoder.Layout;

    /// <summary>Inspections and hits learned, for reporting.</summary>
    public (long Inspections, long Hits) Known => (state.Inspections, state.Hits);

    /// <summary>The feature vector of a (new) case against this history.</summary>
    public float[] Vector(RiskCase c)
    {
        var row = new float[encoder.Layout.Width];
        Write(c, row);
        return row;
    }

    /// <summary>Writes the feature vector of a case into <paramref name="row"/> (length <see cref="FeatureLayout.Width"/>).</summary>
    public void Write(RiskCase c, Span<float> row)
    {
        Span<ulong> parts = stackalloc ulong[encoder.PartCount];
        Span<ulong> keys = stackalloc ulong[encoder.FamilyCount];
        encoder.Parts(c, parts);
        encoder.Keys(parts, keys);
        encoder.Write(c, parts, keys, state, row);
    }

    /// <summary>The rule engine's facts for a case against this history.</summary>
    public CaseFacts Facts(RiskCase c)
    {
        Span<ulong> parts = stackalloc ulong[encoder.PartCount];
        encoder.Parts(c, parts);
        return encoder.Facts(c, parts, state);
    }
}
