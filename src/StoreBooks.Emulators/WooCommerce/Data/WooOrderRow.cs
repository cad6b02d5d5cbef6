using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.WooCommerce.Data;

/// <summary>One order's index entry: the fields the list filters read, and the stored JSON or the plan it is rendered from.</summary>
internal sealed class WooOrderRow
{
    public required long Id { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Modified { get; init; }

    public required string Status { get; init; }

    public long CustomerId { get; init; }

    public JsonObject? Json { get; init; }

    public int PlanIndex { get; init; } = -1;

    public static WooOrderRow FromJson(JsonObject order, TimeSpan siteOffset)
    {
        DateTimeOffset? Read(string name) =>
            StoreJson.Date(order[name + "_gmt"], TimeSpan.Zero) ?? StoreJson.Date(order[name], siteOffset);
        return new WooOrderRow
        {
            Id = StoreJson.Long(order["id"]) ?? throw new InvalidDataException("A WooCommerce order needs an \"id\"."),
            Created = Read("date_created") ?? DateTimeOffset.UnixEpoch,
            Modified = Read("date_modified") ?? Read("date_created") ?? DateTimeOffset.UnixEpoch,
            Status = StoreJson.String(order["status"]) ?? "pending",
            CustomerId = StoreJson.Long(order["customer_id"]) ?? 0,
            Json = order,
        };
    }
}
