using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;

namespace StoreBooks.Core.Connections;

/// <summary>Everything a merchant chooses for one connection.</summary>
public sealed record ConnectionSettings
{
    /// <summary>Orders placed before this day are not synced.</summary>
    public DateOnly? SyncStartDate { get; init; }

    /// <summary>
    /// How often scheduled syncs run; none when null (manual and webhook-driven only). Written even when null, so "no schedule" is
    /// kept instead of reading back as the 15-minute default.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public TimeSpan? SyncInterval { get; init; } = TimeSpan.FromMinutes(15);

    public ProductSettings Products { get; init; } = new();

    public SalesSettings Sales { get; init; } = new();

    public PayoutSettings Payouts { get; init; } = new();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ConnectionSettings From(JsonObject json) => json.Deserialize<ConnectionSettings>(Json) ?? new ConnectionSettings();

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, Json)!.AsObject();
}
