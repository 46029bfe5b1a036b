using System.Threading.Channels;

namespace Portcullis.Ingest;

/// <summary>How a reader thread hands batches to the storing side of the pipeline (EDIFACT, DCSA, air).</summary>
internal static class ReadAhead
{
    /// <summary>
    /// Writes one batch, waiting while the channel is full. The caller is the reader's own
    /// long-running thread, so blocking it is the back-pressure that keeps memory bounded. An empty
    /// batch is not handed over; a channel completed by the consumer ends the wait.
    /// </summary>
    public static void Hand<T>(ChannelWriter<List<T>> output, List<T> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        while (!output.TryWrite(batch))
        {
            if (!output.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
    }
}
