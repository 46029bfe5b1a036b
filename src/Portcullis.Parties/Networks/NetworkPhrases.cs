using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Networks;

/// <summary>
/// The network's notes on a risk case ("2 hops from X, which had a cocaine hit known on …, via the same
/// phone …") as keys and English formats (<c>NetworkWhy.*</c>). The English is what the API and the
/// command line read; the phrase travels with the case's notes (<c>RiskCase.NumericNotePhrases</c>) into
/// the model's reasons, so a page says it in the reader's language. Names, contact values and dates are text;
/// the substance found is a phrase when the app knows it (<see cref="Substance"/>), text otherwise.
/// </summary>
public static class NetworkPhrases
{
    public static readonly PhraseCatalogue Catalogue = new(new Dictionary<string, string>
    {
        ["NetworkWhy.HitSelf"] = "{0} itself had {1} known on {2}",
        ["NetworkWhy.HitOneHop"] = "1 hop from {0}, which had {1} known on {2}, via {3}",
        ["NetworkWhy.HitHops"] = "{0:0} hops from {1}, which had {2} known on {3}, via {4}",
        ["NetworkWhy.AHit"] = "a hit",
        ["NetworkWhy.AHitOf"] = "a {0} hit",
        ["NetworkWhy.Then"] = "{0}, then {1}",
        ["NetworkWhy.Same.Address"] = "the same address {0}",
        ["NetworkWhy.Same.Phone"] = "the same phone {0}",
        ["NetworkWhy.Same.Email"] = "the same e-mail address {0}",
        ["NetworkWhy.Same.Domain"] = "the same e-mail domain {0}",
        ["NetworkWhy.Same.Agent"] = "the same agent {0}",
        ["NetworkWhy.Same.Forwarder"] = "the same forwarder {0}",
        ["NetworkWhy.Same.Container"] = "the same container {0}",
        ["NetworkWhy.Same.Booking"] = "the same booking {0}",
        ["NetworkWhy.YoungOne"] = "1 company first seen in the last {0:0} days within 2 hops ({1})",
        ["NetworkWhy.Young"] = "{0:0} companies first seen in the last {1:0} days within 2 hops ({2})",
        ["NetworkWhy.Shares"] = "shares {0}",
        ["NetworkWhy.SharedWith"] = "{0} with watch-listed {1}",
        ["NetworkWhy.AndAlso"] = "{0}; {1}",
        ["NetworkWhy.Substance.Cocaine"] = "cocaine",
        ["NetworkWhy.Substance.SyntheticDrugs"] = "synthetic drugs",
        ["NetworkWhy.Substance.Heroin"] = "heroin",
        ["NetworkWhy.Substance.Cannabis"] = "cannabis",
        ["NetworkWhy.Substance.Mdma"] = "MDMA",
        ["NetworkWhy.Substance.Amphetamine"] = "amphetamine",
    });

    // The substances the findings record (Domain.Cargo.Substance) and the common ones an outcome's free
    // text names, by their letters folded to lower case ("SyntheticDrugs", "synthetic drugs").
    private static readonly Dictionary<string, string> KnownSubstances = new(StringComparer.Ordinal)
    {
        ["cocaine"] = "Cocaine",
        ["syntheticdrugs"] = "SyntheticDrugs",
        ["heroin"] = "Heroin",
        ["cannabis"] = "Cannabis",
        ["mdma"] = "Mdma",
        ["amphetamine"] = "Amphetamine",
    };

    /// <summary>
    /// What was found, as a phrase when it is a substance the app knows (so a page says "cocaïne"; the
    /// English is the catalogue's word), else the free text as written.
    /// </summary>
    public static PhraseArg Substance(string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        var folded = new string([.. what.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);
        return KnownSubstances.TryGetValue(folded, out var key) ? Phrase.Of("NetworkWhy.Substance." + key) : what;
    }

    /// <summary>"the same phone +31…": what an edge shares.</summary>
    public static Phrase Same(NetworkEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return Phrase.Of("NetworkWhy.Same." + edge.Kind, edge.Display);
    }

    /// <summary>The reason for a hit within reach: the hit entity itself, or the path to it from the case.</summary>
    public static Phrase Hit(string name, NetworkOutcome outcome, IReadOnlyList<NetworkEdge> path)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(path);
        PhraseArg what = outcome.What.Length > 0 ? Phrase.Of("NetworkWhy.AHitOf", Substance(outcome.What)) : Phrase.Of("NetworkWhy.AHit");
        var known = outcome.KnownOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (path.Count == 0)
        {
            return Phrase.Of("NetworkWhy.HitSelf", name, what, known);
        }

        var via = Joined(path.Select(Same), "NetworkWhy.Then");
        return path.Count == 1
            ? Phrase.Of("NetworkWhy.HitOneHop", name, what, known, via)
            : Phrase.Of("NetworkWhy.HitHops", path.Count, name, what, known, via);
    }

    /// <summary>The young companies within two hops, the first three by name.</summary>
    public static Phrase Young(IReadOnlyList<NetworkNode> young, int youngDays)
    {
        ArgumentNullException.ThrowIfNull(young);
        var names = string.Join(", ", young.Take(3).Select(n => n.Name)) + (young.Count > 3 ? ", …" : "");
        return young.Count == 1
            ? Phrase.Of("NetworkWhy.YoungOne", youngDays, names)
            : Phrase.Of("NetworkWhy.Young", young.Count, youngDays, names);
    }

    /// <summary>The contacts shared with watch-listed entities, the first three.</summary>
    public static Phrase Watched(IReadOnlyList<(NetworkEdge Edge, string Name)> shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return Phrase.Of("NetworkWhy.Shares", Joined(shared.Take(3).Select(w => Phrase.Of("NetworkWhy.SharedWith", Same(w.Edge), w.Name)), "NetworkWhy.AndAlso"));
    }

    // A list said as nested pairs ("a, then b, then c"), so each language words its own joint.
    private static Phrase Joined(IEnumerable<Phrase> items, string joint) =>
        items.Aggregate((Phrase?)null, (acc, item) => acc is null ? item : Phrase.Of(joint, acc, item))!;
}
