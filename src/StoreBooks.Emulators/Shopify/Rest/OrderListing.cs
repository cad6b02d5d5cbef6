using System.Globalization;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>The order list filters of <c>orders.json</c> and <c>orders/count.json</c>, and the list's sort order.</summary>
internal static class OrderListing
{
    public static bool TryFilter(ShopifyEmulator shopify, PageRequest request, bool forCount, out List<ShopifyOrderRow> rows, out string? error)
    {
        rows = [];
        error = null;
        var offset = shopify.Options.UtcOffset;
        var status = request.Filter("status") ?? "open";
        if (status is not ("open" or "closed" or "cancelled" or "any"))
        {
            error = $"status must be one of open, closed, cancelled or any, not '{status}'";
            return false;
        }

        var financial = request.Filter("financial_status") ?? "any";
        var ranges = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var name in new[] { "created_at_min", "created_at_max", "updated_at_min", "updated_at_max", "processed_at_min", "processed_at_max" })
        {
            if (request.Filter(name) is { } text)
            {
                if (StoreJson.ParseDate(text, offset) is not { } date)
                {
                    error = $"{name} must be an ISO 8601 date, not '{text}'";
                    return false;
                }

                ranges[name] = date;
            }
        }

        HashSet<long>? ids = null;
        if (request.Filter("ids") is { } idText)
        {
            ids = [.. idText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1)];
        }

        long? sinceId = null;
        if (!forCount && request.Filter("since_id") is { } sinceText)
        {
            sinceId = long.TryParse(sinceText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var since) ? since : 0;
        }

        var oldest = shopify.ReadAllOrders ? DateTimeOffset.MinValue : shopify.Time.GetUtcNow().AddDays(-60);
        foreach (var row in shopify.Shop.OrderRows())
        {
            if (row.CreatedAt < oldest
                || (status == "open" && !row.Open)
                || (status == "closed" && row.ClosedAt is null)
                || (status == "cancelled" && row.CancelledAt is null)
                || !FinancialMatches(financial, row.FinancialStatus)
                || (ids is not null && !ids.Contains(row.Id))
                || (sinceId is { } s && row.Id <= s)
                || !InRange(ranges, "created_at", row.CreatedAt)
                || !InRange(ranges, "processed_at", row.CreatedAt)
                || !InRange(ranges, "updated_at", row.UpdatedAt))
            {
                continue;
            }

            rows.Add(row);
        }

        return true;
    }

    private static bool InRange(Dictionary<string, DateTimeOffset> ranges, string field, DateTimeOffset value) =>
        (!ranges.TryGetValue(field + "_min", out var min) || value >= min) && (!ranges.TryGetValue(field + "_max", out var max) || value <= max);

    private static bool FinancialMatches(string filter, string status) => filter switch
    {
        "any" => true,
        "unpaid" => status is "pending" or "authorized" or "partially_paid",
        _ => filter == status,
    };

    /// <summary>Sorts by the <c>order</c> parameter (<c>created_at desc</c> by default; <c>id asc</c> with <c>since_id</c>).</summary>
    public static bool TrySort(PageRequest request, List<ShopifyOrderRow> rows, out Func<ShopifyOrderRow, (long, long)> key, out bool descending, out string? error)
    {
        error = null;
        var order = request.Filter("order") ?? (request.Filter("since_id") is null ? "created_at desc" : "id asc");
        var parts = order.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        key = parts[0] switch
        {
            "created_at" or "processed_at" => r => (r.CreatedAt.UtcTicks, r.Id),
            "updated_at" => r => (r.UpdatedAt.UtcTicks, r.Id),
            "id" => r => (r.Id, r.Id),
            _ => null!,
        };
        if (key is null)
        {
            error = $"order must be created_at, updated_at, processed_at or id with asc or desc, not '{order}'";
            return false;
        }

        var k = key;
        rows.Sort((a, b) => k(a).CompareTo(k(b)));
        if (descending)
        {
            rows.Reverse();
        }

        return true;
    }
}
