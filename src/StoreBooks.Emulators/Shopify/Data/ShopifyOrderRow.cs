using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>
/// One order's index entry: the fields the list filters read, plus either the stored JSON (seeded or changed orders) or the
/// plan index it is rendered from when asked for (demo and generated orders).
/// </summary>
internal sealed class ShopifyOrderRow
{
    public required long Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public required string FinancialStatus { get; init; }

    public JsonObject? Json { get; init; }

    public int PlanIndex { get; init; } = -1;

    public bool Open => ClosedAt is null && CancelledAt is null;

    public static ShopifyOrderRow FromJson(JsonObject order, TimeSpan offset) => new()
    {
        Id = StoreJson.Long(order["id"]) ?? throw new InvalidDataException("A Shopify order needs an \"id\"."),
        CreatedAt = StoreJson.Date(order["created_at"], offset) ?? DateTimeOffset.UnixEpoch,
        UpdatedAt = StoreJson.Date(order["updated_at"], offset) ?? StoreJson.Date(order["created_at"], offset) ?? DateTimeOffset.UnixEpoch,
        ClosedAt = StoreJson.Date(order["closed_at"], offset),
        CancelledAt = StoreJson.Date(order["cancelled_at"], offset),
        FinancialStatus = StoreJson.String(order["financial_status"]) ?? "pending",
        Json = order,
    };

    public static ShopifyOrderRow FromPlan(OrderPlan plan, DateTimeOffset now) => new()
    {
        Id = ShopifyIds.Order(plan.Index),
        CreatedAt = plan.CreatedAt,
        UpdatedAt = plan.UpdatedAt,
        ClosedAt = plan.Closed(now) ? plan.ClosedAt : null,
        CancelledAt = plan.Outcome == OrderOutcome.Cancelled ? plan.UpdatedAt : null,
        FinancialStatus = ShopifyOrderBuilder.FinancialStatus(plan.Outcome),
        PlanIndex = plan.Index,
    };
}
