namespace Portcullis.Ingest;

/// <summary>
/// Counts for a receipt. Counts of a transaction become part of the receipt only when it commits,
/// so that a receipt never claims what a rollback undid.
/// </summary>
internal sealed class Tally(IngestReceipt receipt)
{
    private const int MaxIssues = 200;

    private readonly Dictionary<string, (int Accepted, int Duplicates, int Rejected)> _committed = new(StringComparer.Ordinal);
    private Dictionary<string, (int Accepted, int Duplicates, int Rejected)> _pending = new(StringComparer.Ordinal);
    private readonly List<ReceiptIssue> _issues = [];
    private int _omittedIssues;

    public int Stored { get; private set; }

    public int Replaced { get; private set; }

    public int Retracted { get; private set; }

    public void Count(string type, int accepted = 0, int duplicates = 0, int rejected = 0)
    {
        _pending.TryGetValue(type, out var c);
        _pending[type] = (c.Accepted + accepted, c.Duplicates + duplicates, c.Rejected + rejected);
    }

    public void Consignment(CargoOutcome outcome)
    {
        switch (outcome)
        {
            case CargoOutcome.Stored: Stored++; break;
            case CargoOutcome.Replaced: Replaced++; break;
            case CargoOutcome.Retracted: Retracted++; break;
        }
    }

    public void Issue(IngestIssue issue)
    {
        if (_issues.Count >= MaxIssues)
        {
            _omittedIssues++;
            return;
        }

        _issues.Add(new ReceiptIssue(issue.Severity.ToString().ToLowerInvariant(), issue.Code, issue.Message, issue.Position?.ToString()));
    }

    public void Warnings(IEnumerable<IngestIssue> warnings)
    {
        foreach (var warning in warnings)
        {
            Issue(warning);
        }
    }

    public void Committed()
    {
        foreach (var (type, c) in _pending)
        {
            _committed.TryGetValue(type, out var d);
            _committed[type] = (d.Accepted + c.Accepted, d.Duplicates + c.Duplicates, d.Rejected + c.Rejected);
        }

        _pending = new(StringComparer.Ordinal);
    }

    /// <summary>What a rolled-back transaction accepted did not happen; the caller records the failure itself.</summary>
    public void RolledBack() => _pending = new(StringComparer.Ordinal);

    /// <summary>Writes the counts so far, the pending transaction's included, onto the receipt.</summary>
    public void Apply()
    {
        var all = new Dictionary<string, (int Accepted, int Duplicates, int Rejected)>(_committed, StringComparer.Ordinal);
        foreach (var (type, c) in _pending)
        {
            all.TryGetValue(type, out var d);
            all[type] = (d.Accepted + c.Accepted, d.Duplicates + c.Duplicates, d.Rejected + c.Rejected);
        }

        receipt.Lines = [.. all.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new ReceiptLine(l.Key, l.Value.Accepted, l.Value.Duplicates, l.Value.Rejected))];
        receipt.Accepted = receipt.Lines.Sum(l => l.Accepted);
        receipt.Duplicates = receipt.Lines.Sum(l => l.Duplicates);
        receipt.Rejected = receipt.Lines.Sum(l => l.Rejected);
        receipt.Issues = [.. _issues];
        if (_omittedIssues > 0)
        {
            receipt.Issues.Add(new ReceiptIssue("info", "ingest.issues-omitted", $"{_omittedIssues} further issues are not listed here; see the quarantine for every rejection.", null));
        }

        receipt.Status = (receipt.Accepted, receipt.Rejected, receipt.Duplicates) switch
        {
            (0, 0, > 0) => ReceiptStatus.Duplicate,
            (_, 0, _) => ReceiptStatus.Accepted,
            (0, _, _) => ReceiptStatus.Rejected,
            _ => ReceiptStatus.PartlyRejected,
        };
    }
}
