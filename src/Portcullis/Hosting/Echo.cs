namespace Portcullis.Hosting;

/// <summary>
/// User-supplied text quoted back in a message (a problem detail, a page's error): cut to a short
/// prefix, control characters shown as '?', so that a megabyte of input never comes back as a
/// megabyte of answer or log line, and a NUL never reaches a terminal.
/// </summary>
public static class Echo
{
    public const int MaxLength = 60;

    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = text.Length > MaxLength ? text[..MaxLength] : text;
        var clean = string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
        return text.Length > MaxLength ? $"{clean}… ({text.Length} characters)" : clean;
    }

    public static string Of(object? value) => Of(value?.ToString());
}
