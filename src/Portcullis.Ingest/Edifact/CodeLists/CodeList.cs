using System.Collections.Frozen;

namespace Portcullis.Ingest.Edifact.CodeLists;

/// <summary>
/// One UN/EDIFACT (UNCL) or SMDG code list, loaded from the tab-separated data file of the same
/// name embedded in this assembly (each file says in its header which directory and where from).
/// Warnings name codes with it: <c>Describe("22")</c> is "22 (final transmission)".
/// </summary>
public sealed class CodeList
{
    private readonly FrozenDictionary<string, string> names;

    private CodeList(string number, string title, FrozenDictionary<string, string> names)
    {
        Number = number;
        Title = title;
        this.names = names;
    }

    /// <summary>The data element number, e.g. "1225".</summary>
    public string Number { get; }

    /// <summary>The data element name, e.g. "Message function code".</summary>
    public string Title { get; }

    public int Count => names.Count;

    public bool Contains(string code) => names.ContainsKey(code);

    public string? Name(string code) => names.TryGetValue(code, out var name) ? name : null;

    /// <summary>The code with its name in lower case for a sentence, or "code X (not in UNCL N)".</summary>
    public string Describe(string code) =>
        Name(code) is { } name ? $"{code} ({Lower(name)})" : $"{code} (not in UNCL {Number})";

    /// <summary>Loads the embedded lists named, later ones adding codes to earlier ones.</summary>
    internal static CodeList Load(string number, params string[] files)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = "";
        var assembly = typeof(CodeList).Assembly;
        foreach (var file in files)
        {
            using var stream = assembly.GetManifestResourceStream("Portcullis.Ingest.Edifact.CodeLists." + file)
                ?? throw new InvalidOperationException($"Code list {file} is not embedded in {assembly.GetName().Name}.");
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith('#'))
                {
                    if (title.Length == 0 && line.StartsWith("# UNCL ", StringComparison.Ordinal))
                    {
                        title = line[(7 + number.Length)..].Trim();
                    }

                    continue;
                }

                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab > 0)
                {
                    names[line[..tab]] = line[(tab + 1)..];
                }
            }
        }

        return new CodeList(number, title, names.ToFrozenDictionary(StringComparer.Ordinal));
    }

    // Names like "Place/port of loading" read better mid-sentence in lower case; acronyms stay.
    private static string Lower(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
}

/// <summary>The code lists of every qualifier the EDIFACT mappings read.</summary>
public static class EdifactCodes
{
    private static readonly Lazy<CodeList> DocumentNames = new(() => CodeList.Load("1001", "uncl1001.tsv"));
    private static readonly Lazy<CodeList> MessageFunctions = new(() => CodeList.Load("1225", "uncl1225.tsv"));
    private static readonly Lazy<CodeList> DateFunctions = new(() => CodeList.Load("2005", "uncl2005.tsv"));
    private static readonly Lazy<CodeList> DateFormats = new(() => CodeList.Load("2379", "uncl2379.tsv"));
    private static readonly Lazy<CodeList> LocationFunctions = new(() => CodeList.Load("3227", "uncl3227.tsv"));
    private static readonly Lazy<CodeList> EquipmentQualifiers = new(() => CodeList.Load("8053", "uncl8053.tsv"));
    private static readonly Lazy<CodeList> MeasurementPurposes = new(() => CodeList.Load("6311", "uncl6311.tsv"));
    private static readonly Lazy<CodeList> MeasuredAttributes = new(() => CodeList.Load("6313", "uncl6313.tsv", "smdg6313.tsv"));
    private static readonly Lazy<CodeList> SealingParties = new(() => CodeList.Load("9303", "uncl9303.tsv"));
    private static readonly Lazy<CodeList> SealConditions = new(() => CodeList.Load("4517", "uncl4517.tsv"));

    /// <summary>BGM C002 1001.</summary>
    public static CodeList DocumentName => DocumentNames.Value;

    /// <summary>BGM 1225.</summary>
    public static CodeList MessageFunction => MessageFunctions.Value;

    /// <summary>DTM C507 2005.</summary>
    public static CodeList DateFunction => DateFunctions.Value;

    /// <summary>DTM C507 2379.</summary>
    public static CodeList DateFormat => DateFormats.Value;

    /// <summary>LOC 3227.</summary>
    public static CodeList LocationFunction => LocationFunctions.Value;

    /// <summary>EQD 8053.</summary>
    public static CodeList EquipmentQualifier => EquipmentQualifiers.Value;

    /// <summary>MEA 6311.</summary>
    public static CodeList MeasurementPurpose => MeasurementPurposes.Value;

    /// <summary>MEA C502 6313 (with SMDG's VGM).</summary>
    public static CodeList MeasuredAttribute => MeasuredAttributes.Value;

    /// <summary>SEL C215 9303.</summary>
    public static CodeList SealingParty => SealingParties.Value;

    /// <summary>SEL 4517.</summary>
    public static CodeList SealCondition => SealConditions.Value;

    public static IReadOnlyList<CodeList> All =>
        [DocumentName, MessageFunction, DateFunction, DateFormat, LocationFunction, EquipmentQualifier, MeasurementPurpose, MeasuredAttribute, SealingParty, SealConditions.Value];
}
