using Portcullis.Domain.Phrasing;

namespace Portcullis.Imaging.Analysis;

/// <summary>
/// Every sentence a scan analysis's reasons are made of (containers, parcels, origin–arrival
/// comparisons), as a key and its English format. The English is the stored reason the API and the
/// CLI read; the phrase is kept next to it so that a page says it in the reader's language
/// (<c>Text.resx</c> repeats every format, <c>Text.nl.resx</c> translates it; a test holds the three
/// together). Commodity groups and versions are codes and stay as they are.
/// </summary>
public static class ScanPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(new Dictionary<string, string>
    {
        // Containers (ContainerAnalyzer).
        ["ScanWhy.NoModel"] = "no learned model: each cell was compared with its own row of this scan and the built-in operating point applies",
        ["ScanWhy.NoTypeInModel"] = "the model has no cleared scans of a {0}: each cell was compared with its own row of this scan",
        ["ScanWhy.NoGroupNormal"] = "no learned normal for {0} in a {1}: compared with all cleared {1} scans",
        ["ScanWhy.NothingStandsOut"] = "nothing stands out against normal {0} in a {1} (score {2:0.00}, operating point {3:0.00})",
        ["ScanWhy.ReeferMachinery"] = "about {0:0} kg more than the reefer unit's usual mass at the front end",
        ["ScanWhy.Floor"] = "about {0:0} kg in the floor that the cross-members do not explain, {1:0.0} m from the front end",
        ["ScanWhy.Doors"] = "about {0:0} kg just inside the doors, where rip-on bags are put",
        ["ScanWhy.Walls"] = "about {0:0} kg at the wall {1:0.0} m from the front end that the structure does not explain",
        ["ScanWhy.Denser"] = "about {0:0} kg denser than {1} usually is, {2:0.0} m from the front end",
        ["ScanWhy.Type.20-dry"] = "20' dry container",
        ["ScanWhy.Type.40-dry"] = "40' dry container",
        ["ScanWhy.Type.20-reefer"] = "20' reefer",
        ["ScanWhy.Type.40-reefer"] = "40' reefer",

        // Parcels (ParcelAnalyzer).
        ["ScanWhy.Tablets"] = "{0:0} disc-like blobs of about {1:0} mm ({2:0} within 5 × 5 cm), {3}; about {4:0} tablets, ~{5:0} g (assuming {6:0.0} g a tablet and organic attenuation)",
        ["ScanWhy.MaterialUnknown"] = "material unknown (one energy)",
        ["ScanWhy.Mineral"] = "denser in Z than organic matter (mineral, like calcium vitamins)",
        ["ScanWhy.Organic"] = "organic",
        ["ScanWhy.Powder"] = "a compact mass of about {0:0} cm² that reads between organic matter and metal (material slope {1:0.00}, as drug salts such as cocaine or MDMA hydrochloride do), ~{2:0} g",
        ["ScanWhy.NoTablets"] = "no crowd of small disc-like blobs (tablets of 7–11 mm) found",
        ["ScanWhy.PassesThreshold"] = "score {0:0.00} passes the alarm threshold {1:0.00}",
        ["ScanWhy.BelowThreshold"] = "score {0:0.00} below the alarm threshold {1:0.00}",
        ["ScanWhy.SingleEnergy"] = "single-energy scan: shape only, no material check, lower confidence",
        ["ScanWhy.BuiltInThreshold"] = "no learned model: built-in threshold {0:0.00}",
        ["ScanWhy.OtherVersion"] = "the model's threshold was learned by {0}, this is {1}: learn it again with 'portcullis scan learn'",
        ["ScanWhy.NoPitch"] = "the file states no pixel spacing: assumed {0} mm",
        ["ScanWhy.NoLog"] = "the file states no log encoding: pixels read as linear transmission",

        // Origin–arrival comparisons (ScanComparer).
        ["ScanWhy.NoChange"] = "no change between origin and arrival beyond settling of the cargo",
        ["ScanWhy.ChangeBelow"] = "no change above the operating point; the largest difference is about {0:0} kg, within what settling and the two scanners explain",
        ["ScanWhy.Added"] = "about {0:0} kg added {1} {2}",
        ["ScanWhy.Removed"] = "about {0:0} kg removed {1} {2}",
        ["ScanWhy.InFloor"] = "in the floor",
        ["ScanWhy.UnderRoof"] = "under the roof",
        ["ScanWhy.AmongCargo"] = "among the cargo",
        ["ScanWhy.NearDoors"] = "near the doors",
        ["ScanWhy.NearFrontWall"] = "near the front wall",
        ["ScanWhy.NearLeftEnd"] = "near the left end of the origin image",
        ["ScanWhy.NearRightEnd"] = "near the right end of the origin image",
        ["ScanWhy.InMiddle"] = "in the middle of the container",
    });

    /// <summary>The English reasons and their phrases, in the same order.</summary>
    public static (IReadOnlyList<string> Reasons, IReadOnlyList<Phrase> Phrases) Say(IReadOnlyList<Phrase> phrases) =>
        ([.. phrases.Select(Catalogue.Say)], phrases);

    /// <summary>A container type as people say it; a type without a phrase is shown by its key.</summary>
    public static PhraseArg ContainerType(string typeKey) =>
        Catalogue.English.ContainsKey("ScanWhy.Type." + typeKey) ? Phrase.Of("ScanWhy.Type." + typeKey) : typeKey;
}
