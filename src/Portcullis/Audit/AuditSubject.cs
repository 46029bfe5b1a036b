using Portcullis.Selection;

namespace Portcullis.Audit;

/// <summary>
/// How audit entries name what they are about. One spelling for every writer, because the who-knew
/// report finds a unit's history by matching these subjects exactly.
/// </summary>
public static class AuditSubject
{
    public static string Of(SelectionCase selection) => Of(selection.UnitKind, selection.Unit);

    public static string Of(UnitKind kind, string unit) => kind == UnitKind.Container ? $"container {unit}" : Consignment(unit);

    public static string Consignment(string reference) => $"consignment {reference}";

    /// <summary>A scan's subject: the container it shows, as selections name it, so who-knew finds views of its scans too; else the parcel or air waybill.</summary>
    public static string Of(Imaging.Scan scan) => scan.SubjectKind switch
    {
        Imaging.ScanSubjectKind.Container => Of(UnitKind.Container, scan.Subject),
        Imaging.ScanSubjectKind.Parcel => $"parcel {scan.Subject}",
        _ => $"air waybill {scan.Subject}",
    };
}
