namespace Portcullis.Integrity.Rules;

/// <summary>
/// What the rules need to know about a container beyond its observations, looked up by the app
/// for the containers of a batch: the manifest (seals, reefer set point, route, arrival) and
/// whether customs control is open on it.
/// </summary>
/// <param name="ContainerNumber">As on the events and readings.</param>
/// <param name="HubCode">The hub of its latest consignment; null when unknown.</param>
/// <param name="ManifestSeals">ISO 17712 seal numbers declared for this trip; empty when none were given (the seal rule then cannot judge).</param>
/// <param name="ReeferSetPoint">The declared set point of a running reefer, °C.</param>
/// <param name="ExpectedArrival">Arrival at the hub (ETA, or actual when known).</param>
/// <param name="UnderControl">An open secure-lane order: selected and the control not closed.</param>
/// <param name="DeclaredPorts">Loading, transshipment and discharge ports (UN/LOCODE); empty when unknown.</param>
public sealed record ContainerContext(
    string ContainerNumber,
    string? HubCode = null,
    IReadOnlyList<string>? ManifestSeals = null,
    double? ReeferSetPoint = null,
    DateTime? ExpectedArrival = null,
    bool UnderControl = false,
    IReadOnlyList<string>? DeclaredPorts = null)
{
    public IReadOnlyList<string> Seals => ManifestSeals ?? [];

    public IReadOnlyList<string> Ports => DeclaredPorts ?? [];
}
