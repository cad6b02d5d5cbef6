using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Shopify.Customers;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Inventory;
using StoreBooks.Shopify.Json;
using StoreBooks.Shopify.Orders;
using StoreBooks.Shopify.Payouts;
using StoreBooks.Shopify.Products;

namespace StoreBooks.Shopify;

/// <summary>
/// A Shopify store read through the Admin API: orders (every status, oldest change first) with their refunds and transactions
/// and products and variants through GraphQL (orders through REST when <see cref="ShopifySourceOptions.OrdersApi"/> says so);
/// customers and stock through REST. Shopify's limits are respected per
/// shop through a shared <see cref="ShopifyRateLimits"/>. See README.md beside this file for how each field maps to the model.
/// </summary>
public sealed class ShopifySource : IStoreSource, IPayoutSource
{
    /// <summary>The connection's source kind, and the credential store's system for the access token.</summary>
    public const string SourceKind = "shopify";

    /// <summary>Keys of <see cref="Connection.SourceSettings"/>: the shop domain, the API root when not Shopify's, the API version.</summary>
    public const string ShopSetting = "shop";

    public const string BaseUrlSetting = "baseUrl";

    public const string ApiVersionSetting = "apiVersion";

    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    /// <summary>Ids joined by OR in one GraphQL search: short enough for any search string Shopify takes.</summary>
    private const int GraphQLIdsPerQuery = 50;

    private readonly ShopifySourceOptions _options;
    private readonly ShopifyClient _client;

    /// <param name="http">The HttpClient to send with (a shared one when null).</param>
    /// <param name="limits">The process's rate-limit state per shop; share one instance between sources of the same shop.</param>
    public ShopifySource(ShopifySourceOptions options, HttpClient? http = null, ShopifyRateLimits? limits = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PageSize, 250);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.VariantsPageSize);
        _options = options;
        _client = new ShopifyClient(http ?? SharedHttp, options, limits ?? new ShopifyRateLimits());
    }

    public string Kind => SourceKind;

    /// <summary>Orders come oldest change first: REST <c>order=updated_at asc</c>, GraphQL and bulk exports <c>sortKey: UPDATED_AT</c>.</summary>
    public bool OrdersInChangeOrder => true;

    public ShopifySourceOptions Options => _options;

    /// <summary>The source of a connection of kind "shopify": the shop, API root and version from its settings, the token from <paramref name="credentials"/>.</summary>
    public static ShopifySource FromConnection(Connection connection, StoredSecret credentials, HttpClient? http = null, ShopifyRateLimits? limits = null)
    {
        if (!string.Equals(connection.SourceKind, SourceKind, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Connection \"{connection.Name}\" reads from {connection.SourceKind}, not from Shopify.", nameof(connection));
        }

        var shop = (string?)connection.SourceSettings[ShopSetting];
        if (string.IsNullOrWhiteSpace(shop))
        {
            throw new ArgumentException($"Connection \"{connection.Name}\" has no shop domain; run storebooks connect shopify --shop DOMAIN --token TOKEN --name {connection.Name}.", nameof(connection));
        }

        var baseUrl = (string?)connection.SourceSettings[BaseUrlSetting];
        return new ShopifySource(
            new ShopifySourceOptions
            {
                Shop = shop,
                AccessToken = credentials.Value,
                BaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? null : new Uri(baseUrl),
                ApiVersion = (string?)connection.SourceSettings[ApiVersionSetting] ?? ShopifySourceOptions.DefaultApiVersion,
            },
            http,
            limits);
    }

    /// <summary>The non-secret settings a connection keeps for these options.</summary>
    public static JsonObject Settings(ShopifySourceOptions options)
    {
        var settings = new JsonObject { [ShopSetting] = options.ShopDomain, [ApiVersionSetting] = options.ApiVersion };
        if (options.BaseUrl is { } url)
        {
            settings[BaseUrlSetting] = url.AbsoluteUri;
        }

        return settings;
    }

    /// <summary>
    /// Shopify Payments payouts issued on or after <paramref name="issuedSince"/> (all when null), most recent first, each with
    /// its balance transactions. Needs the <c>read_shopify_payments_payouts</c> scope; a shop without Shopify Payments is a
    /// <see cref="ShopifyPaymentsNotUsedException"/>.
    /// </summary>
    public IAsyncEnumerable<SourcePage<StorePayout>> ReadPayoutsAsync(DateOnly? issuedSince, CancellationToken cancellationToken) =>
        new ShopifyPayouts(_client).ReadAsync(issuedSince, cancellationToken);

    /// <summary>Whether the shop has a Shopify Payments account (its <c>balance.json</c> answers rather than 404).</summary>
    public Task<bool> UsesShopifyPaymentsAsync(CancellationToken cancellationToken) =>
        new ShopifyPayouts(_client).UsesShopifyPaymentsAsync(cancellationToken);

    /// <summary>The shop's name, domain and currency, in one cheap query: how a token is checked.</summary>
    public async Task<ShopifyShopInfo> CheckAsync(CancellationToken cancellationToken)
    {
        var data = await _client.QueryAsync(ProductQueries.Shop, [], 1, cancellationToken).ConfigureAwait(false);
        var shop = data.GetProperty("shop");
        return new ShopifyShopInfo(
            shop.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
            shop.TryGetProperty("myshopifyDomain", out var domain) ? domain.GetString() ?? _options.ShopDomain : _options.ShopDomain,
            shop.TryGetProperty("currencyCode", out var currency) ? currency.GetString() ?? "" : "");
    }

    /// <summary>
    /// Variants changed since <paramref name="changedSince"/> (all when null), each a product. A change to a product alone (its
    /// title or status) does not touch its variants' times, so the variants of products changed since then are read too.
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var filter = changedSince is { } since ? $"updated_at:>='{ShopifyJson.Time(since)}'" : null;
        await foreach (var page in VariantPagesAsync(filter, seen, cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }

        if (filter is null)
        {
            yield break;
        }

        await foreach (var productId in ChangedProductsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var page in VariantPagesAsync($"product_id:{productId}", seen, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }
        }
    }

    /// <summary>Orders of any status updated at or after <paramref name="changedSince"/>, oldest update first, with refunds and transactions.</summary>
    public IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        if (_options.OrdersApi == ShopifyOrdersApi.GraphQL)
        {
            return GraphQLOrdersAsync(changedSince is { } at ? $"updated_at:>='{ShopifyJson.Time(at)}'" : null, cancellationToken);
        }

        var query = $"orders.json?status=any&limit={_options.PageSize}&order=updated_at%20asc";
        if (changedSince is { } since)
        {
            query += "&updated_at_min=" + Uri.EscapeDataString(ShopifyJson.Time(since));
        }

        return OrderPagesAsync(query, cancellationToken);
    }

    /// <summary>
    /// Orders through GraphQL: when the search covers more than <see cref="ShopifySourceOptions.BulkThreshold"/> orders (a
    /// backfill), through one bulk export; else page by page.
    /// </summary>
    private async IAsyncEnumerable<SourcePage<StoreOrder>> GraphQLOrdersAsync(string? search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new ShopifyGraphQLOrders(_client);
        var count = await _client.QueryAsync(OrderQueries.Count, new JsonObject { ["query"] = search }, 1, cancellationToken).ConfigureAwait(false);
        var matching = count.TryGetProperty("ordersCount", out var c) && c.ValueKind == JsonValueKind.Object ? c.GetProperty("count").GetInt64() : 0;
        var pages = matching > _options.BulkThreshold ? new ShopifyBulkOrders(_client, reader).ReadAsync(search, cancellationToken) : reader.ReadAsync(search, cancellationToken);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            yield return page;
        }
    }

    /// <summary>These orders as they are now (GraphQL <c>id:</c> terms joined by OR, 50 a search; REST <c>ids=</c>, 250 at a time); ids Shopify no longer has are left out.</summary>
    public async IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = sourceIds.Select(s => ShopifyJson.TryParseId(s, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        if (_options.OrdersApi == ShopifyOrdersApi.GraphQL)
        {
            var reader = new ShopifyGraphQLOrders(_client);
            foreach (var chunk in ids.Chunk(GraphQLIdsPerQuery))
            {
                var query = string.Join(" OR ", chunk.Select(i => "id:" + i.ToString(CultureInfo.InvariantCulture)));
                await foreach (var page in reader.ReadAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    yield return page;
                }
            }

            yield break;
        }

        foreach (var chunk in ids.Chunk(_options.PageSize))
        {
            var query = $"orders.json?status=any&limit={_options.PageSize}&ids={string.Join(',', chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)))}";
            await foreach (var page in OrderPagesAsync(query, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }
        }
    }

    /// <summary>Customers updated at or after <paramref name="changedSince"/> (all when null), 250 a page.</summary>
    public async IAsyncEnumerable<SourcePage<StoreCustomer>> ReadCustomersAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var url = $"customers.json?limit={_options.PageSize}";
        if (changedSince is { } since)
        {
            url += "&updated_at_min=" + Uri.EscapeDataString(ShopifyJson.Time(since));
        }

        for (string? next = url; next is not null;)
        {
            using var page = await _client.GetAsync(next, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            var records = new List<StoreCustomer>();
            var problems = new List<SourceProblem>();
            foreach (var element in Items(page.Body, "customers"))
            {
                try
                {
                    records.Add(ShopifyJson.Read<ShopifyCustomer>(element).ToModel());
                }
                catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
                {
                    problems.Add(new SourceProblem(RawId(element), StoreMessages.CustomerUnreadable.With(("store", "Shopify"), ("id", RawId(element)), ("detail", e.Message))));
                }
            }

            yield return new SourcePage<StoreCustomer>(records, problems);
            next = page.Next?.AbsoluteUri;
        }
    }

    /// <summary>
    /// Stock of these variants at every location: their inventory items through GraphQL, then <c>inventory_levels.json</c>
    /// (50 items a call). Variants Shopify does not have are left out.
    /// </summary>
    public async Task<IReadOnlyList<ShopifyInventoryLevel>> ReadInventoryLevelsAsync(IReadOnlyCollection<string> variantIds, CancellationToken cancellationToken)
    {
        var itemToVariant = new Dictionary<long, string>();
        var ids = variantIds.Select(s => ShopifyJson.TryParseId(s, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        foreach (var chunk in ids.Chunk(50))
        {
            var document = new StringBuilder("query StoreBooksInventoryItems {");
            foreach (var id in chunk)
            {
                document.Append(CultureInfo.InvariantCulture, $" v{id}: productVariant(id: \"gid://shopify/ProductVariant/{id}\") {{ legacyResourceId inventoryItem {{ legacyResourceId }} }}");
            }

            var data = await _client.QueryAsync(document.Append(" }").ToString(), [], chunk.Length * 2, cancellationToken).ConfigureAwait(false);
            foreach (var property in data.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
            {
                var item = property.Value.TryGetProperty("inventoryItem", out var i) && i.ValueKind == JsonValueKind.Object && i.TryGetProperty("legacyResourceId", out var itemId)
                    ? itemId.GetString() : null;
                if (ShopifyJson.TryParseId(item, out var inventoryItemId) && property.Value.GetProperty("legacyResourceId").GetString() is { } variantId)
                {
                    itemToVariant[inventoryItemId] = variantId;
                }
            }
        }

        var levels = new List<ShopifyInventoryLevel>();
        foreach (var chunk in itemToVariant.Keys.Chunk(50))
        {
            for (string? next = $"inventory_levels.json?limit=250&inventory_item_ids={string.Join(',', chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)))}"; next is not null;)
            {
                using var page = await _client.GetAsync(next, cancellationToken).ConfigureAwait(false);
                if (page is null)
                {
                    break;
                }

                foreach (var element in Items(page.Body, "inventory_levels"))
                {
                    var level = ShopifyJson.Read<ShopifyInventoryLevelJson>(element);
                    levels.Add(new ShopifyInventoryLevel(
                        itemToVariant[level.InventoryItemId],
                        level.InventoryItemId.ToString(CultureInfo.InvariantCulture),
                        level.LocationId.ToString(CultureInfo.InvariantCulture),
                        level.Available,
                        level.UpdatedAt));
                }

                next = page.Next?.AbsoluteUri;
            }
        }

        return levels;
    }

    private async IAsyncEnumerable<SourcePage<StoreOrder>> OrderPagesAsync(string first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (string? next = first; next is not null;)
        {
            using var page = await _client.GetAsync(next, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            var records = new List<StoreOrder>();
            var problems = new List<SourceProblem>();
            foreach (var element in Items(page.Body, "orders"))
            {
                ShopifyOrder order;
                try
                {
                    order = ShopifyJson.Read<ShopifyOrder>(element);
                }
                catch (JsonException e)
                {
                    problems.Add(UnreadableOrder(element, e));
                    continue;
                }

                var transactions = await TransactionsAsync(order.Id, cancellationToken).ConfigureAwait(false);
                records.Add(ShopifyOrderMapper.Map(order, transactions));
            }

            yield return new SourcePage<StoreOrder>(records, problems);
            next = page.Next?.AbsoluteUri;
        }
    }

    private async Task<IReadOnlyList<ShopifyTransaction>> TransactionsAsync(long orderId, CancellationToken cancellationToken)
    {
        using var page = await _client.GetAsync($"orders/{orderId.ToString(CultureInfo.InvariantCulture)}/transactions.json", cancellationToken, missingIsNull: true).ConfigureAwait(false);
        return page is null ? [] : [.. Items(page.Body, "transactions").Select(ShopifyJson.Read<ShopifyTransaction>)];
    }

    private async IAsyncEnumerable<SourcePage<StoreProduct>> VariantPagesAsync(string? filter, HashSet<string> seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = _options.VariantsPageSize;
        string? after = null;
        while (true)
        {
            JsonElement data;
            try
            {
                var variables = new JsonObject { ["first"] = first, ["after"] = after, ["query"] = filter };
                data = await _client.QueryAsync(ProductQueries.Variants, variables, ProductQueries.VariantsCost(first), cancellationToken).ConfigureAwait(false);
            }
            catch (ShopifyQueryTooCostlyException) when (first > 1)
            {
                first = Math.Max(1, first / 2);
                continue;
            }

            var connection = data.GetProperty("productVariants").Deserialize<ShopifyConnection<ShopifyVariantNode>>(ShopifyJson.GraphQLOptions)!;
            var records = new List<StoreProduct>();
            var problems = new List<SourceProblem>();
            foreach (var node in connection.Nodes)
            {
                try
                {
                    var product = ShopifyProductMapper.Map(node);
                    if (seen.Add(product.SourceId))
                    {
                        records.Add(product);
                    }
                }
                catch (FormatException e)
                {
                    problems.Add(new SourceProblem(node.LegacyResourceId ?? "?", StoreMessages.VariantUnreadable.With(("store", "Shopify"), ("detail", e.Message))));
                }
            }

            if (records.Count > 0 || problems.Count > 0)
            {
                yield return new SourcePage<StoreProduct>(records, problems);
            }

            if (!connection.PageInfo.HasNextPage || connection.PageInfo.EndCursor is null)
            {
                yield break;
            }

            after = connection.PageInfo.EndCursor;
        }
    }

    private async IAsyncEnumerable<string> ChangedProductsAsync(string filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int first = 250;
        string? after = null;
        while (true)
        {
            var variables = new JsonObject { ["first"] = first, ["after"] = after, ["query"] = filter };
            var data = await _client.QueryAsync(ProductQueries.ChangedProducts, variables, ProductQueries.ChangedProductsCost(first), cancellationToken).ConfigureAwait(false);
            var connection = data.GetProperty("products").Deserialize<ShopifyConnection<ShopifyProductNode>>(ShopifyJson.GraphQLOptions)!;
            foreach (var id in connection.Nodes.Select(n => n.LegacyResourceId).OfType<string>())
            {
                yield return id;
            }

            if (!connection.PageInfo.HasNextPage || connection.PageInfo.EndCursor is null)
            {
                yield break;
            }

            after = connection.PageInfo.EndCursor;
        }
    }

    private static IEnumerable<JsonElement> Items(JsonDocument body, string key) =>
        body.RootElement.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];

    /// <summary>
    /// An order Shopify sent that cannot be read, tied to its id, name and time when those can be read: it is then re-read by id
    /// and holds the cursor at its time until it reads (or the merchant dismisses it).
    /// </summary>
    private static SourceProblem UnreadableOrder(JsonElement element, JsonException e)
    {
        var id = RawId(element);
        string? Text(string name) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var name = Text("name");
        return new SourceProblem(id, StoreMessages.UnreadableOrder("Shopify", id, name, e.Message))
        {
            OrderId = ShopifyJson.TryParseId(id, out var parsed) && parsed > 0 ? id : null,
            OrderNumber = name?.TrimStart('#'),
            UpdatedAt = DateTimeOffset.TryParse(Text("updated_at"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null,
        };
    }

    private static string RawId(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) ? id.GetRawText() : "?";
}

/// <summary>What <see cref="ShopifySource.CheckAsync"/> learns about the shop.</summary>
public sealed record ShopifyShopInfo(string Name, string Domain, string Currency);
