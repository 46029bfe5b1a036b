namespace Portcullis.Hosting;

/// <summary>Quoting what a caller sent inside a message: short and printable, so a 1 MB name or a control character never comes back whole.</summary>
public static class Echo
{
    public static string Short(string? text, int max = 80)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var printable = new string([.. text.Take(max + 1).Select(c => char.IsControl(c) ? '?' : c)]);
        return printable.Length > max ? printable[..max] + "…" : printable;
    }
}
