using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.WooCommerce.Customers;
using StoreBooks.WooCommerce.Http;
using StoreBooks.WooCommerce.Json;
using StoreBooks.WooCommerce.Orders;
using StoreBooks.WooCommerce.Payouts;
using StoreBooks.WooCommerce.Products;

namespace StoreBooks.WooCommerce;

/// <summary>
/// A WooCommerce store read through the REST API v3: orders (every status, 100 a page, <c>modified_after</c> as the cursor)
/// with their refunds, products and their variations, customers; and, on a site with WooPayments, its deposits as payouts. See
/// README.md beside this file for how each field maps.
/// </summary>
public sealed class WooCommerceSource : IStoreSource, IPlacedOrderSource, IPayoutSource
{
    /// <summary>The connection's source kind, and the credential store's system for the key and secret.</summary>
    public const string SourceKind = "woocommerce";

    /// <summary>Key of the site address in <see cref="Connection.SourceSettings"/>.</summary>
    public const string UrlSetting = "url";

    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    private readonly WooCommerceSourceOptions _options;
    private readonly WooCommerceClient _client;

    /// <param name="http">The HttpClient to send with (a shared one when null).</param>
    /// <param name="time">The clock of OAuth timestamps and retry pauses.</param>
    public WooCommerceSource(WooCommerceSourceOptions options, HttpClient? http = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PageSize, 100);
        _options = options;
        _client = new WooCommerceClient(http ?? SharedHttp, options, time ?? TimeProvider.System);
        _payments = new WooPayments(_client, options, RefundsAsync);
    }

    private readonly WooPayments _payments;
    private SyncMessage? _noPayouts;

    /// <summary>
    /// Whether the site's payouts can be read: true until the site is found to have no WooPayments (<see cref="DetectPayoutsAsync"/>,
    /// or a read of the payouts), then false with <see cref="NoPayoutsReason"/>.
    /// </summary>
    public bool HasPayouts => _noPayouts is null;

    /// <summary>Why the site has no payouts StoreBooks reads (no WooPayments); null when it has them, or before anyone asked.</summary>
    public SyncMessage? NoPayoutsReason => _noPayouts;

    /// <summary>Asks the site whether it has WooPayments (one call to its deposits route); sets <see cref="HasPayouts"/>.</summary>
    public async Task<bool> DetectPayoutsAsync(CancellationToken cancellationToken)
    {
        var active = await _payments.ActiveAsync(cancellationToken).ConfigureAwait(false);
        _noPayouts = active ? null : WooPaymentsNotActiveException.NotActive(_options.SiteUrl.AbsoluteUri.TrimEnd('/'));
        return active;
    }

    /// <summary>
    /// WooPayments deposits issued on or after <paramref name="issuedSince"/>, newest first, each with its transactions. A site
    /// without WooPayments is a <see cref="WooPaymentsNotActiveException"/> that says so (and <see cref="HasPayouts"/> turns false).
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StorePayout>> ReadPayoutsAsync(DateOnly? issuedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await DetectPayoutsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new WooPaymentsNotActiveException(_options.SiteUrl.AbsoluteUri.TrimEnd('/'));
        }

        await foreach (var page in _payments.ReadAsync(issuedSince, cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    public string Kind => SourceKind;

    public WooCommerceSourceOptions Options => _options;

    /// <summary>The source of a connection of kind "woocommerce": the site from its settings, the key and secret from <paramref name="credentials"/>.</summary>
    public static WooCommerceSource FromConnection(Connection connection, StoredSecret credentials, HttpClient? http = null, TimeProvider? time = null)
    {
        if (!string.Equals(connection.SourceKind, SourceKind, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Connection \"{connection.Name}\" reads from {connection.SourceKind}, not from WooCommerce.", nameof(connection));
        }

        if ((string?)connection.SourceSettings[UrlSetting] is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var site))
        {
            throw new ArgumentException($"Connection \"{connection.Name}\" has no site address; run storebooks connect woocommerce --url URL --key ck_… --secret cs_… --name {connection.Name}.", nameof(connection));
        }

        var key = WooCommerceCredentials.From(credentials);
        return new WooCommerceSource(new WooCommerceSourceOptions { SiteUrl = site, ConsumerKey = key.ConsumerKey, ConsumerSecret = key.ConsumerSecret }, http, time);
    }

    /// <summary>The non-secret settings a connection keeps for these options.</summary>
    public static JsonObject Settings(WooCommerceSourceOptions options) => new() { [UrlSetting] = options.SiteUrl.AbsoluteUri.TrimEnd('/') };

    /// <summary>How many orders the site has, in one cheap call: how a key is checked (it needs Read permission).</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        using var page = await _client.GetAsync("orders?per_page=1", cancellationToken).ConfigureAwait(false);
        return page!.Total;
    }

    /// <summary>
    /// Products modified after <paramref name="changedSince"/> (all when null): simple and external products as they are, and
    /// every variation of a changed variable product. Grouped products sell nothing themselves and are left out.
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync("products", Since(changedSince), cancellationToken).ConfigureAwait(false))
        {
            var records = new List<StoreProduct>();
            var problems = new List<SourceProblem>();
            foreach (var element in Items(page))
            {
                WooProduct product;
                try
                {
                    product = WooJson.Read<WooProduct>(element);
                }
                catch (JsonException e)
                {
                    problems.Add(new SourceProblem(RawId(element), StoreMessages.ProductUnreadable.With(("store", "WooCommerce"), ("id", RawId(element)), ("detail", e.Message))));
                    continue;
                }

                switch (product.Type)
                {
                    case "variable":
                        await foreach (var variations in PagesAsync($"products/{product.Id.ToString(CultureInfo.InvariantCulture)}/variations", "", cancellationToken).ConfigureAwait(false))
                        {
                            foreach (var v in Items(variations))
                            {
                                try
                                {
                                    records.Add(WooProductMapper.Variation(product, WooJson.Read<WooVariation>(v)));
                                }
                                catch (JsonException e)
                                {
                                    problems.Add(new SourceProblem(RawId(v), StoreMessages.VariationUnreadable.With(
                                        ("store", "WooCommerce"), ("id", RawId(v)), ("product", product.Id.ToString(CultureInfo.InvariantCulture)), ("detail", e.Message))));
                                }
                            }
                        }

                        break;
                    case "grouped":
                        break;
                    default:
                        records.Add(WooProductMapper.Simple(product));
                        break;
                }
            }

            yield return new SourcePage<StoreProduct>(records, problems);
        }
    }

    /// <summary>
    /// Orders of any status modified after <paramref name="changedSince"/> (less a second: WooCommerce's filter is strict), oldest
    /// placed first, each page asked for from where the last ended (<see cref="WooPlacingPages"/>).
    /// </summary>
    public IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        ReadOrdersByPlacingAsync(changedSince, null, cancellationToken);

    /// <summary>
    /// Orders of any status modified after <paramref name="changedSince"/>, oldest placed first, placed in or after the second of
    /// <paramref name="placedFrom"/> (all when null), for a sliced run.
    /// </summary>
    public IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersByPlacingAsync(DateTimeOffset? changedSince, DateTimeOffset? placedFrom, CancellationToken cancellationToken) =>
        OrdersOfAsync(new WooPlacingPages(_client, _options.PageSize).ReadAsync(Since(changedSince), placedFrom, cancellationToken), cancellationToken);

    /// <summary>These orders as they are now (<c>include=</c>, 100 at a time); ids the site no longer has are left out.</summary>
    public async IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = sourceIds.Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        foreach (var chunk in ids.Chunk(_options.PageSize))
        {
            var include = $"&include={string.Join(',', chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)))}";
            await foreach (var page in OrdersOfAsync(PagesAsync("orders", include, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }
        }
    }

    /// <summary>
    /// Customers (every role), by id. WooCommerce cannot filter customers by change date, so all are read and those modified
    /// before <paramref name="changedSince"/> are dropped here.
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StoreCustomer>> ReadCustomersAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync("customers", "&role=all", cancellationToken).ConfigureAwait(false))
        {
            var records = new List<StoreCustomer>();
            var problems = new List<SourceProblem>();
            foreach (var element in Items(page))
            {
                try
                {
                    var customer = WooJson.Read<WooCustomer>(element);
                    if (changedSince is not { } since || customer.DateModifiedGmt is not { } modified || modified >= since)
                    {
                        records.Add(customer.ToModel());
                    }
                }
                catch (JsonException e)
                {
                    problems.Add(new SourceProblem(RawId(element), StoreMessages.CustomerUnreadable.With(("store", "WooCommerce"), ("id", RawId(element)), ("detail", e.Message))));
                }
            }

            yield return new SourcePage<StoreCustomer>(records, problems);
        }
    }

    private static string Since(DateTimeOffset? changedSince) =>
        changedSince is { } since ? $"&modified_after={Uri.EscapeDataString(WooJson.Time(since.AddSeconds(-1)))}&dates_are_gmt=true" : "";

    /// <summary>The orders of each listed page, read with their refunds.</summary>
    private async IAsyncEnumerable<SourcePage<StoreOrder>> OrdersOfAsync(IAsyncEnumerable<JsonDocument> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var records = new List<StoreOrder>();
            var problems = new List<SourceProblem>();
            foreach (var element in Items(page))
            {
                WooOrder order;
                IReadOnlyList<WooRefund> refunds;
                try
                {
                    order = WooJson.Read<WooOrder>(element);
                    refunds = order.Refunds.Count == 0 ? [] : await RefundsAsync(order.Id, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    problems.Add(UnreadableOrder(element, e));
                    continue;
                }

                records.Add(WooOrderMapper.Map(order, refunds));
            }

            yield return new SourcePage<StoreOrder>(records, problems);
        }
    }

    /// <summary>
    /// An order WooCommerce sent that cannot be read, tied to its id, number and time when those can be read: it is then re-read
    /// by id and holds the cursor at its time until it reads (or the merchant dismisses it).
    /// </summary>
    private static SourceProblem UnreadableOrder(JsonElement element, JsonException e)
    {
        var id = RawId(element);
        string? Text(string name) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var number = Text("number");
        return new SourceProblem(id, StoreMessages.UnreadableOrder("WooCommerce", id, number is null ? null : "#" + number.TrimStart('#'), e.Message))
        {
            OrderId = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? id : null,
            OrderNumber = number,
            UpdatedAt = DateTime.TryParse(Text("date_modified_gmt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? new DateTimeOffset(at, TimeSpan.Zero)
                : null,
        };
    }

    internal async Task<IReadOnlyList<WooRefund>> RefundsAsync(long orderId, CancellationToken cancellationToken)
    {
        var refunds = new List<WooRefund>();
        await foreach (var page in PagesAsync($"orders/{orderId.ToString(CultureInfo.InvariantCulture)}/refunds", "", cancellationToken, missingIsEmpty: true).ConfigureAwait(false))
        {
            refunds.AddRange(Items(page).Select(WooJson.Read<WooRefund>));
        }

        return refunds;
    }

    /// <summary>Every page of a list, by id ascending, 100 a page, until <c>X-WP-TotalPages</c>.</summary>
    private async IAsyncEnumerable<JsonDocument> PagesAsync(string path, string filters, [EnumeratorCancellation] CancellationToken cancellationToken, bool missingIsEmpty = false)
    {
        for (var number = 1; ; number++)
        {
            using var page = await _client.GetAsync($"{path}?per_page={_options.PageSize}&page={number}&orderby=id&order=asc{filters}", cancellationToken, missingIsEmpty).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            yield return page.Body;
            if (number >= page.TotalPages || page.Body.RootElement.GetArrayLength() == 0)
            {
                yield break;
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonDocument page) =>
        page.RootElement.ValueKind == JsonValueKind.Array ? page.RootElement.EnumerateArray() : [];

    private static string RawId(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) ? id.GetRawText() : "?";
}
