using Microsoft.Extensions.Localization;

namespace Portcullis.Audit;

/// <summary>
/// How the auditor's page says an audit entry in the reader's language: its action code as words
/// (<c>view.selection</c>: "viewed a selection", "selectie ingezien"; resource keys <c>AuditAction.*</c>)
/// and the kind word its subject starts with (<c>consignment X</c>: "zending X"; <c>AuditSubject.*</c>).
/// The entry itself is evidence and stays as it was recorded: the API, the CSV and the chain's hash keep
/// the codes and the English detail, and the page shows the detail as recorded, marked as English. An
/// action or kind without words (one a later change records before its words are added) is shown as its code.
/// </summary>
public static class AuditWording
{
    // Longest first, so that "sanctions list X" is not read as some shorter kind.
    private static readonly string[] SubjectKinds =
    [
        "sanctioned goods list", "audit signing key", "sanctions list", "air waybill", "audit log", "consignment",
        "container", "capacity", "geofence", "account", "profile", "entity", "parcel", "leads", "model", "party", "token", "run",
    ];

    /// <summary>The resource keys of the subject kinds (for the resource tests).</summary>
    public static IEnumerable<string> SubjectKeys => SubjectKinds.Select(SubjectKey);

    public static string Action(IStringLocalizer text, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text["AuditAction." + code];
        return words.ResourceNotFound ? code : words.Value;
    }

    public static string Subject(IStringLocalizer text, string subject)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(subject);
        foreach (var kind in SubjectKinds)
        {
            if (subject.StartsWith(kind, StringComparison.Ordinal) && (subject.Length == kind.Length || subject[kind.Length] == ' '))
            {
                return text[SubjectKey(kind)].Value + subject[kind.Length..];
            }
        }

        return subject;
    }

    private static string SubjectKey(string kind) => "AuditSubject." + kind.Replace(' ', '-');
}
