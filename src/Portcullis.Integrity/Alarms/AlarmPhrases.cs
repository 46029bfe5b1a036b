using Portcullis.Domain.Phrasing;

namespace Portcullis.Integrity.Alarms;

/// <summary>
/// Every sentence an integrity alarm's detail is made of, as a key and its English format: the rules
/// here and the app's secure-lane, release and flood checks write their details from it. The English is
/// the alarm's stored detail, what the API, the CLI, webhooks and the audit log read; the phrase is
/// stored next to it so that a page says it in the reader's language (<c>Text.resx</c> repeats every
/// format, <c>Text.nl.resx</c> translates it; a test holds the three together). Times and positions
/// are text (the same in both languages: UTC and decimal degrees), durations and measures numbers.
/// </summary>
public static class AlarmPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(new Dictionary<string, string>
    {
        // Rules on readings and events (Portcullis.Integrity.Rules).
        ["AlarmWhy.UnplannedPort"] = "Container {0} was discharged in {1} at {2}, a port not on its declared route ({3}).",
        ["AlarmWhy.TransshipDwell"] = "Container {0} waited {1:0.#} days in transshipment port {2} (discharged {3}, loaded {4}); the norm is {5:0} days.",
        ["AlarmWhy.RoadStop"] = "Container {0} has stood still at {1}, outside every authorised zone, since {2} ({3:0.#} h) on its way from the terminal.",
        ["AlarmWhy.SecuredExit"] = "Container {0} left the secured area {1} at {2} (confirmed at {3} by fixes more than {4:0} m outside) before its customs control closed.",
        ["AlarmWhy.SealTampered"] = "Electronic seal {0} on container {1} reported tampering at {2}.",
        ["AlarmWhy.SealTamperedAt"] = "Electronic seal {0} on container {1} reported tampering at {2} at {3}.",
        ["AlarmWhy.GoneQuiet"] = "Device {0} on container {1} has sent nothing since {2} ({3:0} h; the norm is {4:0} h).",
        ["AlarmWhy.GoneQuietFix"] = "Device {0} on container {1} has sent nothing since {2} ({3:0} h; the norm is {4:0} h); last fix {5} at {6}.",
        ["AlarmWhy.YardRevisit"] = "Container {0} came back to yard position {1} at {2} after leaving it (there since {3}), and its doors were opened in between at {4}.",
        ["AlarmWhy.SealMismatch"] = "Container {0} carried seal {1} {2} at {3}; the manifest declares {4}.",
        ["AlarmWhy.SealMismatchAt"] = "Container {0} carried seal {1} {2} ({3}) at {4}; the manifest declares {5}.",
        ["AlarmWhy.SeenAtDischarge"] = "at discharge",
        ["AlarmWhy.SeenAtGate"] = "at the gate",
        ["AlarmWhy.SeenByESeal"] = "by its electronic seal",
        ["AlarmWhy.ReeferSetPoint"] = "The set point of reefer {0} was changed to {1:0.#} °C (declared {2:0.#} °C) at {3}, {4}.",
        ["AlarmWhy.ReeferOpened"] = "Reefer {0} was opened, outside every authorised zone, at {1}, {2}.",
        ["AlarmWhy.ReeferOpenedAt"] = "Reefer {0} was opened at {1}, outside every authorised zone, at {2}, {3}.",
        ["AlarmWhy.ReeferOpenedAtSea"] = "Reefer {0} was opened at sea, outside every authorised zone, at {1}, {2}.",
        ["AlarmWhy.BeforeArrival"] = "{0:0} h before its arrival",
        ["AlarmWhy.OnArrival"] = "on arrival",
        ["AlarmWhy.DoorsOutside"] = "The doors of container {0} were opened at {1}, outside every authorised zone at {2}.",
        ["AlarmWhy.DoorsAtSea"] = "The doors of container {0} were opened at sea (while loaded on a vessel) at {1}.",
        ["AlarmWhy.DoorsAtSeaAt"] = "The doors of container {0} were opened at sea (at {1}, outside every authorised zone) at {2}.",

        // Secure-lane orders (the app's SecureLaneRules): what the terminal reported against the order.
        ["AlarmWhy.LaneGateOut"] = "Container {0} gated out at {1} while it is ordered to the secured area {2}.",
        ["AlarmWhy.LaneGateOutAt"] = "Container {0} gated out at {1} at {2} while it is ordered to the secured area {3}.",
        ["AlarmWhy.LaneLoaded"] = "Container {0} was loaded for departure at {1} while it is ordered to the secured area {2}.",
        ["AlarmWhy.LaneLoadedAt"] = "Container {0} was loaded for departure at {1} at {2} while it is ordered to the secured area {3}.",
        ["AlarmWhy.LaneYardMove"] = "Container {0} moved to {1} at {2} instead of the secured area {3}.",
        ["AlarmWhy.UnnamedBlock"] = "an unnamed block",
        ["AlarmWhy.LaneDoors"] = "The doors of container {0} were opened at {1} before the customs inspection.",
        ["AlarmWhy.LaneDoorsAt"] = "The doors of container {0} were opened at {1} at {2} before the customs inspection.",
        ["AlarmWhy.LaneSeal"] = "The seal of container {0} changed at {1} before the customs inspection.",
        ["AlarmWhy.LaneSealAt"] = "The seal of container {0} changed at {1} at {2} before the customs inspection.",
        ["AlarmWhy.LaneSealTo"] = "The seal of container {0} changed to {1} at {2} before the customs inspection.",
        ["AlarmWhy.LaneSealToAt"] = "The seal of container {0} changed to {1} at {2} at {3} before the customs inspection.",
        ["AlarmWhy.LaneSilence"] = "No event for container {0} since {1} ({2:0.#} h) while it should be on its way to the secured area {3}.",

        // Releases (the app's ReleaseGate): a gate-out without a verified release token.
        ["AlarmWhy.ReleaseMissing"] = "Container {0} gated out at {1} without a verified release token: {2} (released to {3}).",
        ["AlarmWhy.ReleaseMissingAt"] = "Container {0} gated out at {1} at {2} without a verified release token: {3} (released to {4}).",
        ["AlarmWhy.ReleaseVerifiedLate"] = "its release token was verified at {0}, not within the {1:0.#} h before",
        ["AlarmWhy.ReleaseNeverCollected"] = "its release token was never collected",
        ["AlarmWhy.ReleaseNeverVerified"] = "its release token was never verified",

        // Floods (the app's AlarmStore): alarms over a container's rate limit folded into one.
        ["AlarmWhy.FloodOne"] = "{0:0} further alarm for container {1} came after {2:0} within {3:0.#} minutes and were folded here; the latest: {4}",
        ["AlarmWhy.FloodMany"] = "{0:0} further alarms for container {1} came after {2:0} within {3:0.#} minutes and were folded here; the latest: {4}",
    });

    /// <summary>The English detail and its phrase, made together so that they always say the same.</summary>
    public static (string Text, Phrase Phrase) Say(string key, params PhraseArg[] args)
    {
        var phrase = Phrase.Of(key, args);
        return (Catalogue.Say(phrase), phrase);
    }
}
