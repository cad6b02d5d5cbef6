using System.Text.Json;
using System.Text.Json.Serialization;

namespace StoreBooks.QuickBooks.Common;

/// <summary>
/// Base of every object this client reads or writes. Fields QBO returns that the model does not name are kept in
/// <see cref="AdditionalProperties"/>, so reading tolerates new fields and a full update sends them back unchanged.
/// </summary>
public abstract record QboObject
{
    /// <summary>Fields QBO returned that this client does not model (tolerated on read, written back as they were).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
