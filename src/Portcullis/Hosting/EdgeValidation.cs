using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;

namespace Portcullis.Hosting;

/// <summary>
/// Checks what every API request carries (path, query and JSON body, nested records and lists
/// included) before a handler sees it: required values present, no null items in lists, dates in
/// a sane window, masses and values finite and not negative, no NUL characters in text. Each
/// handler still checks its own meaning; this is the floor that keeps absurd input from reaching
/// date arithmetic, sums and the database (where it would answer 500). A refusal is one sentence
/// naming the field and the fix.
/// </summary>
public static class EdgeValidation
{
    public static readonly DateOnly EarliestDay = new(2000, 1, 1);

    public static readonly DateOnly LatestDay = new(2100, 12, 31);

    /// <summary>Largest quantity (kilograms, euros) accepted: far above any real consignment, far below where sums overflow.</summary>
    public const double MaxQuantity = 1e12;

    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    private sealed record Member(PropertyInfo Property, string JsonName, NullabilityInfo Nullability);

    private sealed record Input(int Index, string Name, Type Type, NullabilityInfo Nullability);

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var nullability = new NullabilityInfoContext();
        var inputs = context.MethodInfo.GetParameters()
            .Where(p => IsInput(p, services))
            .Select(p => new Input(p.Position, p.Name ?? "value", p.ParameterType, nullability.Create(p)))
            .ToArray();
        if (inputs.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            foreach (var input in inputs)
            {
                // A body record's fields are named as the caller wrote them, without the parameter's name.
                var isBody = IsRecord(Unwrap(input.Type));
                if (Check(invocation.Arguments[input.Index], input.Type, input.Nullability, isBody ? "" : input.Name, 0) is { } refusal)
                {
                    return ValueTask.FromResult<object?>(refusal.ToProblem("Invalid request."));
                }
            }

            return next(invocation);
        };
    }

    /// <summary>The first problem with a value bound from the request, or null.</summary>
    public static Refusal? Check(object? value, Type type, NullabilityInfo nullability, string path, int depth)
    {
        var name = path.Length == 0 ? "the request body" : path;
        if (value is null)
        {
            return !type.IsValueType && nullability.ReadState == NullabilityState.NotNull
                ? Refusal.Invalid($"{name} is missing; send it.")
                : null;
        }

        switch (value)
        {
            case string text:
                return text.Contains('\0', StringComparison.Ordinal)
                    ? Refusal.Invalid($"{name} contains a NUL character; send text without control characters.")
                    : null;
            case DateOnly day:
                return Day(day, name);
            case DateTime moment:
                return Day(DateOnly.FromDateTime(moment), name);
            case DateTimeOffset moment:
                return Day(DateOnly.FromDateTime(moment.UtcDateTime), name);
            case double number:
                return Quantity(number, name);
            case float number:
                return Quantity(number, name);
            case decimal number:
                return Quantity((double)number, name);
            case IEnumerable items when value is not IDictionary && depth < MaxDepth:
                var itemType = ItemType(type);
                var itemNullability = nullability.ElementType ?? nullability.GenericTypeArguments.FirstOrDefault();
                var index = 0;
                foreach (var item in items)
                {
                    var itemPath = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
                    if (itemType is not null && itemNullability is not null && Check(item, itemType, itemNullability, itemPath, depth + 1) is { } refusal)
                    {
                        return refusal;
                    }

                    index++;
                }

                return null;
            default:
                if (!IsRecord(value.GetType()) || depth >= MaxDepth)
                {
                    return null;
                }

                foreach (var member in MembersOf(value.GetType()))
                {
                    var memberPath = path.Length == 0 ? member.JsonName : $"{path}.{member.JsonName}";
                    if (Check(member.Property.GetValue(value), member.Property.PropertyType, member.Nullability, memberPath, depth + 1) is { } refusal)
                    {
                        return refusal;
                    }
                }

                return null;
        }
    }

    /// <summary>A day the caller named, or null when it is in the window; for handlers that parse dates themselves.</summary>
    public static Refusal? Day(DateOnly day, string name) =>
        day == default
            ? Refusal.Invalid($"{name} is missing; send it as yyyy-MM-dd (a time as ISO 8601 UTC) between {EarliestDay:yyyy-MM-dd} and {LatestDay:yyyy-MM-dd}.")
            : day < EarliestDay || day > LatestDay
                ? Refusal.Invalid($"{name} {day:yyyy-MM-dd} is outside {EarliestDay:yyyy-MM-dd} to {LatestDay:yyyy-MM-dd}; send a date in that window.")
                : null;

    // Every fractional number an API record carries today is a mass or an amount of money, hence
    // "not negative": a record with a signed measurement (a reefer's temperature, a coordinate)
    // must be exempted here when it arrives.
    private static Refusal? Quantity(double number, string name) =>
        !double.IsFinite(number) ? Refusal.Invalid($"{name} is not a finite number; send a number such as 212.5.")
        : number < 0 ? Refusal.Invalid($"{name} is negative; send zero or more.")
        : number > MaxQuantity ? Refusal.Invalid($"{name} is larger than {MaxQuantity:0e0}; send the real amount.")
        : null;

    private static bool IsInput(ParameterInfo parameter, IServiceProviderIsService? services)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken) || type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse)
            || type == typeof(ClaimsPrincipal) || typeof(Stream).IsAssignableFrom(type) || type == typeof(PipeReader)
            || typeof(IFormFile).IsAssignableFrom(type) || typeof(IFormFileCollection).IsAssignableFrom(type)
            || parameter.GetCustomAttributes().Any(a => a is Microsoft.AspNetCore.Mvc.FromServicesAttribute or FromKeyedServicesAttribute))
        {
            return false;
        }

        return services?.IsService(type) != true;
    }

    // Only the application's own request types are walked; framework and library types are left to their binders.
    private static bool IsRecord(Type type) =>
        type is { IsClass: true } && type != typeof(string) && type.Namespace?.StartsWith("Portcullis", StringComparison.Ordinal) == true;

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var only] ? only
        : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Member[] MembersOf(Type type) => Members.GetOrAdd(type, static t =>
    {
        // NullabilityInfoContext is not thread-safe; one per type, once.
        var context = new NullabilityInfoContext();
        return [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new Member(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), context.Create(p)))];
    });
}
