namespace Portcullis.Ingest.Csv;

/// <summary>
/// One data row of a CSV: either mapped to a <see cref="DeclarationRecord"/>, or rejected with the
/// issue that names the row, column and value. <paramref name="Row"/> is 1-based, header excluded.
/// </summary>
public sealed record DeclarationRowResult(long Row, DeclarationRecord? Declaration, IngestIssue? Issue)
{
    public bool Accepted => Declaration is not null;

    public static DeclarationRowResult Ok(DeclarationRecord declaration) => new(declaration.Row, declaration, null);

    public static DeclarationRowResult Rejected(long row, IngestIssue issue) => new(row, null, issue);
}
