using System.Text.Json.Serialization;

namespace StoreBooks.QuickBooks.Common;

/// <summary>A reference to another QBO object (<c>{"value":"4","name":"Undeposited Funds"}</c>): ItemRef, CustomerRef, AccountRef and the rest.</summary>
public sealed record Ref : QboObject
{
    /// <summary>The referenced object's Id (or a pseudo id such as <c>TAX</c>, <c>NON</c>, <c>SHIPPING_ITEM_ID</c>).</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>Display name; informational on write.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Entity type where the reference can point at several (e.g. a Deposit line's Entity).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>A reference to the object with this Id.</summary>
    public static Ref To(string value, string? name = null) => new() { Value = value, Name = name };
}
