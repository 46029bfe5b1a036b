// Placeholders for the readers being written on other branches; removed when they are merged.
namespace Portcullis.Ingest.Edifact;

public sealed record EdifactReaderOptions;

public static class EdifactReader
{
    public static IEnumerable<InterchangeItem> Read(Stream stream, EdifactReaderOptions? options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

public static class EdifactMessages
{
    public static object Map(EdifactMessage message) => throw new NotImplementedException();
}
