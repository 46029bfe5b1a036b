using System.Threading.Channels;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Ingest;

/// <summary>
/// One item of the EDIFACT reader as the storing side needs it: envelope items as read, a message
/// already mapped (its segments dropped once mapped), or a message refused with the text to
/// quarantine: by its mapping (no <see cref="Mapped"/>) or by the hub check (mapped, then refused).
/// </summary>
internal sealed record EdifactStep(InterchangeItem? Item, EdifactMessage? Message, MappedMessage? Mapped, IngestIssue? Refused, byte[]? RefusedText);

/// <summary>
/// Reads, decodes and maps EDIFACT on its own thread and hands the results over in batches, so
/// that parsing the next messages overlaps storing the previous ones (the two halves cost about the
/// same). Order is kept; the bounded channel holds at most two batches, so memory stays bounded by
/// the batch size whatever the file size. Mapping is pure and the hub check reads an immutable
/// directory, so both are safe here.
/// </summary>
internal static class EdifactBatches
{
    /// <summary>A batch closes at this many messages or segments, whichever comes first.</summary>
    private const int MaxMessages = 256;

    private const int MaxSegments = 40_000;

    public static ChannelReader<List<EdifactStep>> Start(Stream input, EdifactReaderOptions options, CargoWriter writer, out Task reading, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<List<EdifactStep>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        reading = Task.Factory.StartNew(() => Run(input, options, writer, channel.Writer, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return channel.Reader;
    }

    private static void Run(Stream input, EdifactReaderOptions options, CargoWriter writer, ChannelWriter<List<EdifactStep>> output, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<EdifactStep>();
            var segments = 0;
            foreach (var item in EdifactReader.Read(input, options, cancellationToken))
            {
                if (item is MessageRead read)
                {
                    segments += read.Message.Segments.Count;
                    batch.Add(Map(read.Message, writer));
                }
                else
                {
                    batch.Add(new EdifactStep(item, null, null, null, null));
                }

                if (batch.Count >= MaxMessages || segments >= MaxSegments)
                {
                    ReadAhead.Hand(output, batch, cancellationToken);
                    batch = [];
                    segments = 0;
                }
            }

            ReadAhead.Hand(output, batch, cancellationToken);
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }

    private static EdifactStep Map(EdifactMessage message, CargoWriter writer)
    {
        MappedMessage mapped;
        try
        {
            mapped = EdifactMessages.Map(message);
        }
        catch (IngestRejectedException ex)
        {
            return new EdifactStep(null, message, null, ex.Issue, Quarantine(message));
        }

        if (mapped is MappedManifest { Document: var manifest } && writer.Validate(manifest.Consignments) is { } invalid)
        {
            var text = Quarantine(message);
            var kept = message with { Segments = [] };
            return new EdifactStep(null, kept, mapped with { Source = kept }, invalid with { Position = message.Position }, text);
        }

        // The mapped document holds all that is stored; the decoded segments can go now.
        var light = message with { Segments = [] };
        return new EdifactStep(null, light, mapped with { Source = light }, null, null);
    }

    private static byte[] Quarantine(EdifactMessage message) => EdifactText.Bytes(message.Interchange, EdifactText.Interchange(message));

}
