namespace Portcullis.Parties.Sanctions.Readers;

/// <summary>The reader for each source.</summary>
public static class SanctionsReaders
{
    public static ISanctionsListReader For(SanctionsSource source) => source switch
    {
        SanctionsSource.Eu => new EuSanctionsReader(),
        SanctionsSource.Un => new UnSanctionsReader(),
        SanctionsSource.Ofac => new OfacSanctionsReader(),
        SanctionsSource.Ftm => new FtmSanctionsReader(),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "no reader for this source"),
    };
}
