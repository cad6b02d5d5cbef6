using System.Text.Json;

namespace StoreBooks.WooCommerce.Tests.Support;

/// <summary>The model as indented JSON: records holding lists compare by reference, their JSON by content.</summary>
public static class ModelJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);
}
