using Portcullis.Parties.Sanctions;
using Portcullis.Parties.Sanctions.Readers;

namespace Portcullis.Parties;

/// <summary>
/// The list readers and the matcher this build uses, in one place: the import asks it for the
/// reader of a source, the screener cache for a screener over a set of entries. Tests replace it
/// with their own (a singleton in the services).
/// </summary>
public class SanctionsFormats
{
    /// <summary>The reader of a source's official format, or null when this build has none.</summary>
    public virtual ISanctionsListReader? ReaderFor(SanctionsSource source) => SanctionsReaders.For(source);

    /// <summary>A screener over the entries of the active versions, built once per version set.</summary>
    public virtual ISanctionsScreener BuildScreener(IReadOnlyList<SanctionsEntry> entries) => new SanctionsMatcher(entries);
}
