using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portcullis.Storage;

public static class JsonColumn
{
    // Public, not private: EF Core's compiled model (Storage/CompiledModels) reads it from generated code.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a small value object as JSON text: receipts' lines and issues, extra features.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class, new()
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<T>(v, Options) ?? new T(),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
        return property;
    }

    /// <summary>Stores an optional immutable value (a phrase) as JSON text; null stays NULL.</summary>
    public static PropertyBuilder<T?> HasOptionalJsonConversion<T>(this PropertyBuilder<T?> property)
        where T : class
    {
        // EF Core never hands a null to a converter: NULL columns read back as null without it.
        property.HasConversion(
            v => JsonSerializer.Serialize(v!, Options),
            v => JsonSerializer.Deserialize<T>(v, Options)!,
            new ValueComparer<T?>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => v));
        return property;
    }
}
