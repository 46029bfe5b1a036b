namespace Portcullis.Components;

/// <summary>
/// The one resource class of the web UI: <c>Text.resx</c> holds the English strings (the neutral
/// culture) and <c>Text.nl.resx</c> the Dutch ones, under the same keys. Pages inject
/// <c>IStringLocalizer&lt;Text&gt;</c>; one shared file (rather than one per page) keeps every
/// translation in one place, so a new page adds keys instead of files and the completeness test
/// covers it without change.
/// </summary>
public sealed class Text;
