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
        ["ScanWhy.LogGuessed"] = "the file states no encoding: its noise grows toward dark, as in a log encoding, so pixels are read as log-encoded with a range of about {0:0} estimated from it",

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

        // Refusals: the prefix, then one key per kind (AnalysisOutcome.Refused, ComparisonOutcome.Refused).
        ["ScanWhy.CannotAnalyse"] = "cannot analyse: {0}",
        ["ScanWhy.CannotCompare"] = "cannot compare: {0}",
        ["ScanWhy.Refused.Preview"] = "the scan is an 8-bit preview, not the scanner's 16-bit image; send the original",
        ["ScanWhy.Refused.PreviewPair"] = "one of the scans is an 8-bit preview, not the scanner's 16-bit image; send the originals",
        ["ScanWhy.Refused.Failed"] = "the analysis failed on this image ({0}: {1})",
        ["ScanWhy.Refused.Unreadable"] = "the stored file is not readable ({0})",
        ["ScanWhy.Refused.ContainerTooSmall"] = "the image is {0} × {1} pixels, too small for a container scan",
        ["ScanWhy.Refused.ContainerTooLarge"] = "the image is {0} × {1} pixels, larger than any container scanner makes",
        ["ScanWhy.Refused.ContainerSaturated"] = "the image is saturated: most pixels are at the detector's floor (no transmission)",
        ["ScanWhy.Refused.BlankOneGrey"] = "the image is blank: one grey level everywhere, no object in it",
        ["ScanWhy.Refused.BlankNothing"] = "the image is blank: nothing in it attenuates the beam",
        ["ScanWhy.Refused.CroppedLeft"] = "the object touches the image's left edge: the scan is cropped",
        ["ScanWhy.Refused.CroppedRight"] = "the object touches the image's right edge: the scan is cropped",
        ["ScanWhy.Refused.CroppedTop"] = "the container touches the image's top edge: the scan is cropped",
        ["ScanWhy.Refused.CroppedBottom"] = "the container touches the image's bottom edge: the scan is cropped",
        ["ScanWhy.Refused.NoBody"] = "no container body found: nothing spans the object's length from floor to roof",
        ["ScanWhy.Refused.NotSideView"] = "the object is {0:0.0} times as long as it is high, not a container seen from the side",
        ["ScanWhy.Refused.NotDeclaredSize"] = "declared as a {0}-foot container ({1}) but the object is {2:0.0} m long",
        ["ScanWhy.Refused.EdgesDark"] = "the image is dark at all four edges, where the air around the object should be brightest: it shows attenuation bright (an inverted or display export) or is cropped to the object; send the scanner's transmission image with the air around the object",
        ["ScanWhy.Refused.SideEdgesDark"] = "the {0} image is dark at all four edges, where the air around the container should be brightest: it shows attenuation bright (an inverted or display export) or is cropped to the container; send the scanner's transmission image with the air around it",
        ["ScanWhy.Refused.NoImage"] = "the scan has no image",
        ["ScanWhy.Refused.FramesDiffer"] = "the scan's energy frames differ in size",
        ["ScanWhy.Refused.ParcelTooSmall"] = "the image is {0}×{1} pixels, too small for a parcel scan (at least {2} on each side)",
        ["ScanWhy.Refused.ParcelTooLarge"] = "the image is {0}×{1} pixels, too large for a parcel scan (at most {2} on each side); is it a container scan?",
        ["ScanWhy.Refused.ParcelExtent"] = "the image spans {0:0} cm, not the size of a parcel on a belt",
        ["ScanWhy.Refused.BlankBelt"] = "the image is blank: nothing on the belt attenuates the beam",
        ["ScanWhy.Refused.BlankNoContrast"] = "the image is blank: it has no contrast",
        ["ScanWhy.Refused.SaturatedBlack"] = "the image is saturated: more than half of it is black (no beam reached the detector)",
        ["ScanWhy.Refused.SaturatedBright"] = "the image is saturated: almost all of it is at the brightest value",
        ["ScanWhy.Side.origin"] = "origin",
        ["ScanWhy.Side.arrival"] = "arrival",
        ["ScanWhy.Refused.SideTooSmall"] = "the {0} image is {1} × {2} pixels, too small for a container scan",
        ["ScanWhy.Refused.SideSaturatedOrEmpty"] = "the {0} scan is saturated or empty ({1:0}% of its pixels at the end of the range)",
        ["ScanWhy.Refused.SideNoOpenBeam"] = "the {0} scan has no open beam (no bright air around the subject) to measure transmission against",
        ["ScanWhy.Refused.SideBlank"] = "the {0} scan is blank: nothing in the beam looks like a container",
        ["ScanWhy.Refused.SideSaturated"] = "the {0} scan is saturated: {1:0}% of the container is at the darkest value",
        ["ScanWhy.Refused.NotSameLength"] = "the scans are not of the same container: {0:0.0} m long at origin, {1:0.0} m at arrival",
        ["ScanWhy.Refused.NotSameHeight"] = "the scans are not of the same container: {0:0.0} m high at origin, {1:0.0} m at arrival (a different type)",
        ["ScanWhy.Refused.NoMatch"] = "the structure of the two scans does not match after registration (correlation {0:0.00}): not the same container, or not a container",
    });

    /// <summary>The one refusal of an 8-bit preview, said where each analyser and the store see one.</summary>
    public static Phrase Preview => Phrase.Of("ScanWhy.Refused.Preview");

    /// <summary>The English reasons and their phrases, in the same order.</summary>
    public static (IReadOnlyList<string> Reasons, IReadOnlyList<Phrase> Phrases) Say(IReadOnlyList<Phrase> phrases) =>
        ([.. phrases.Select(Catalogue.Say)], phrases);

    /// <summary>A container type as people say it; a type without a phrase is shown by its key.</summary>
    public static PhraseArg ContainerType(string typeKey) =>
        Catalogue.English.ContainsKey("ScanWhy.Type." + typeKey) ? Phrase.Of("ScanWhy.Type." + typeKey) : typeKey;
}
