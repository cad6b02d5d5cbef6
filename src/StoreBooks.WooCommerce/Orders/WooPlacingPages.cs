using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StoreBooks.WooCommerce.Http;
using StoreBooks.WooCommerce.Json;

namespace StoreBooks.WooCommerce.Orders;

/// <summary>
/// The order list read oldest placed first, each request starting where the last one ended rather than at a page number: it
/// asks for the orders placed in or after the second of the last order read (<c>after=</c> that second less one, the filter
/// being strict and to the second), leaving out (<c>exclude=</c>) the orders of that second already read. So an order trashed,
/// or given another placing date, while the list is being read never moves another order past the reader, as it does between
/// numbered pages (the order that slid onto the page already read would be skipped, and being unchanged, by later syncs too).
/// When more orders share one second than an <c>exclude=</c> list should carry, that second is read on its own, bounded by
/// <c>after=</c> and <c>before=</c>, by id; the reader then goes on after it.
/// </summary>
internal sealed class WooPlacingPages(WooCommerceClient client, int pageSize, int maxExcluded = WooPlacingPages.MaxExcluded)
{
    /// <summary>The ids an <c>exclude=</c> list carries at most (about 3 KB of query, well within what web servers accept).</summary>
    public const int MaxExcluded = 400;

    /// <summary>
    /// The orders matching <paramref name="filters"/> (e.g. <c>&amp;modified_after=…</c>) placed at or after
    /// <paramref name="placedFrom"/> (all when null), a page at a time, oldest placed first.
    /// </summary>
    public async IAsyncEnumerable<JsonDocument> ReadAsync(string filters, DateTimeOffset? placedFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var second = placedFrom is { } start ? Second(start) : (DateTimeOffset?)null;
        var read = new HashSet<long>();
        // Orders listed without a readable placing date cannot move the reader on: they are left out by id from then on.
        var undated = new HashSet<long>();
        while (true)
        {
            if (second is { } crowded && read.Count >= maxExcluded)
            {
                // Too many orders of one second to leave out by id: read the rest of that second on its own, then go on after it.
                await foreach (var rest in SecondAsync(filters, crowded, read, cancellationToken).ConfigureAwait(false))
                {
                    yield return rest;
                }

                await foreach (var after in ReadAfterAsync(filters, crowded, cancellationToken).ConfigureAwait(false))
                {
                    yield return after;
                }

                yield break;
            }

            var query = $"orders?per_page={pageSize}&page=1&orderby=date&order=asc{filters}"
                + (second is { } from ? $"&after={Uri.EscapeDataString(WooJson.Time(from.AddSeconds(-1)))}{Gmt(filters)}" : "")
                + (read.Count + undated.Count > 0 ? $"&exclude={string.Join(',', read.Concat(undated).Order().Select(id => id.ToString(CultureInfo.InvariantCulture)))}" : "");
            using var page = await client.GetAsync(query, cancellationToken).ConfigureAwait(false);
            var items = Items(page!.Body);
            if (items.Count == 0)
            {
                yield break;
            }

            yield return page.Body;
            var progress = (second, read.Count, undated.Count);
            foreach (var (id, placed) in items)
            {
                if (placed is not { } at)
                {
                    if (id > 0)
                    {
                        undated.Add(id);
                    }

                    continue;
                }

                if (second is null || at > second)
                {
                    second = at;
                    read.Clear();
                }

                if (at == second && id > 0)
                {
                    read.Add(id);
                }
            }

            // A short page is the last; a page that moved the reader nothing (orders with neither id nor date) would repeat for ever.
            if (items.Count < pageSize || progress == (second, read.Count, undated.Count))
            {
                yield break;
            }
        }
    }

    /// <summary>The orders placed after <paramref name="second"/>, by the same reading (a fresh start after a crowded second).</summary>
    private IAsyncEnumerable<JsonDocument> ReadAfterAsync(string filters, DateTimeOffset second, CancellationToken cancellationToken) =>
        new WooPlacingPages(client, pageSize, maxExcluded).ReadAsync(filters, second.AddSeconds(1), cancellationToken);

    /// <summary>The orders placed in <paramref name="second"/> not yet <paramref name="read"/>, by id, page by page.</summary>
    private async IAsyncEnumerable<JsonDocument> SecondAsync(string filters, DateTimeOffset second, HashSet<long> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bounds = $"&after={Uri.EscapeDataString(WooJson.Time(second.AddSeconds(-1)))}&before={Uri.EscapeDataString(WooJson.Time(second.AddSeconds(1)))}{Gmt(filters)}";
        for (var number = 1; ; number++)
        {
            using var page = await client.GetAsync($"orders?per_page={pageSize}&page={number}&orderby=id&order=asc{filters}{bounds}", cancellationToken).ConfigureAwait(false);
            var items = Items(page!.Body);
            if (items.Count == 0)
            {
                yield break;
            }

            // The orders of this second read before are left out: each order is read once.
            var fresh = page.Body.RootElement.EnumerateArray().Where(e => !read.Contains(Id(e))).ToList();
            if (fresh.Count > 0)
            {
                using var unread = JsonSerializer.SerializeToDocument(fresh);
                yield return unread;
            }

            foreach (var (id, _) in items)
            {
                read.Add(id);
            }

            if (number >= page.TotalPages || items.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// <c>dates_are_gmt=true</c>, unless the filters already say it: a parameter given twice is signed twice by OAuth 1.0a but
    /// read once by WordPress, and the signature would not match.
    /// </summary>
    private static string Gmt(string filters) => filters.Contains("&dates_are_gmt=true", StringComparison.Ordinal) ? "" : "&dates_are_gmt=true";

    private static List<(long Id, DateTimeOffset? Placed)> Items(JsonDocument page) =>
        page.RootElement.ValueKind != JsonValueKind.Array
            ? []
            : [.. page.RootElement.EnumerateArray().Select(e => (Id(e), Placed(e)))];

    private static long Id(JsonElement order) =>
        order.ValueKind == JsonValueKind.Object && order.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) ? value : 0;

    private static DateTimeOffset? Placed(JsonElement order) =>
        order.ValueKind == JsonValueKind.Object && order.TryGetProperty("date_created_gmt", out var text) && text.ValueKind == JsonValueKind.String
            && DateTime.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? Second(new DateTimeOffset(at, TimeSpan.Zero))
            : null;

    private static DateTimeOffset Second(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
