using System.Text.Json;

namespace StoreBooks.Sync.Products;

/// <summary>What StoreBooks set on an item it created, as kept in the link's <c>CreatedWith</c> column.</summary>
internal static class NewItemJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(NewItem item) => JsonSerializer.Serialize(item, Options);

    public static NewItem? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<NewItem>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
