using Microsoft.AspNetCore.Http.HttpResults;

namespace Portcullis.Hosting;

public enum RefusalKind
{
    /// <summary>The input is wrong; the detail says what and, where it has one, where.</summary>
    Invalid,

    /// <summary>The caller may not do this to this thing (e.g. another hub's).</summary>
    Forbidden,

    /// <summary>No such thing, or none the caller may see (need-to-know answers the same).</summary>
    NotFound,

    /// <summary>The thing is not in a state that allows it, or changed since the caller read it.</summary>
    Conflict,
}

/// <summary>
/// Why a use case said no, in one sentence that names the problem and the fix. The one shape every
/// use case refuses with: the API turns it into an RFC 9457 problem, the command line into one line
/// on stderr and exit code 2, a page into a message.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Detail, string? Position = null)
{
    public static Refusal Invalid(string detail, string? position = null) => new(RefusalKind.Invalid, detail, position);

    public static Refusal Forbidden(string detail) => new(RefusalKind.Forbidden, detail);

    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, detail);

    public static Refusal Conflict(string detail) => new(RefusalKind.Conflict, detail);

    public int Status => Kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>The sentence as a person reads it, with the position in front where there is one.</summary>
    public string Sentence => Position is null ? Detail : $"{Position}: {Detail}";

    public ProblemHttpResult ToProblem(string title) =>
        TypedResults.Problem(Sentence, statusCode: Status, title: Kind switch
        {
            RefusalKind.NotFound => "Not found.",
            RefusalKind.Forbidden => "Forbidden.",
            _ => title,
        }, extensions: Position is null ? null : new Dictionary<string, object?> { ["position"] = Position });

    /// <summary>For the command line: CliErrors prints the sentence and exits with code 2.</summary>
    public UserFacingException ToCommandError() => new(Sentence);
}

/// <summary>What a use case gives back: its value, or the refusal.</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
    where T : class
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(null, refusal);

    /// <summary>The value, or the refusal thrown as a command-line error.</summary>
    public T ValueOrThrow() => Refusal is { } refusal ? throw refusal.ToCommandError() : Value!;
}
