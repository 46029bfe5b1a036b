namespace Portcullis.Domain.Standards;

/// <summary>
/// The outcome of parsing untrusted input: a value, or one sentence that names the problem and the fix.
/// Parsers return this instead of throwing, so bad partner data never becomes an exception path.
/// </summary>
public readonly record struct ParseResult<T>
{
    private ParseResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    /// <summary>Null when parsing succeeded.</summary>
    public string? Error { get; }

    public bool Success => Error is null;

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(string error) => new(default, error);

    /// <summary>The parsed value; throws <see cref="FormatException"/> with the error when parsing failed.</summary>
    public T GetValueOrThrow() => Success ? Value! : throw new FormatException(Error);
}
