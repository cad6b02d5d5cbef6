using System.Diagnostics;
using System.Globalization;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.QuickBooks.Queries;
using StoreBooks.QuickBooks.SalesReceipts;

namespace StoreBooks.Throughput;

/// <summary>
/// The baseline: what a careful hand-written script does, in this process, against a fresh company with the same latency
/// and limits. It reads the store's orders a page at a time, keeps the customers and items it made in memory (across passes,
/// as one long-running script would; a new one is created the first time it is needed, without looking it up), and posts one
/// SalesReceipt per paid order, one request at a time, with StoreBooks' own QuickBooks client.
/// </summary>
internal sealed class BaselineScript : IAsyncDisposable
{
    private readonly ThroughputRig _rig;
    private readonly QboRealmLimits _limits;
    private readonly HttpClient _http;
    private readonly QboClient _client;
    private readonly ScriptOrders _orders;
    private readonly Dictionary<string, Ref> _customers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Ref> _items = new(StringComparer.Ordinal);
    private Ref? _income;

    private BaselineScript(ThroughputRig rig, QboRealmLimits limits, HttpClient http, QboClient client)
    {
        _rig = rig;
        _limits = limits;
        _http = http;
        _client = client;
        _orders = ScriptOrders.For(rig.IsShopify, rig.Emulator.BaseUrl);
    }

    public static async Task<BaselineScript> StartAsync(ThroughputRig rig)
    {
        var server = rig.Emulator;
        var http = new HttpClient();
        var endpoints = await QboDiscovery.DiscoverAsync(http, QboEnvironment.At(server.BaseUrl));
        var oauth = new QboOAuthClient(http, endpoints, new QboAppCredentials(server.Qbo.Options.ClientId, server.Qbo.Options.ClientSecret));
        var store = new InMemoryQboTokenStore();
        var issued = server.Qbo.OAuth.IssueTokens(ThroughputRig.BaselineRealm);
        await QboTokenKeeper.SaveNewConnectionAsync(store, "script",
            new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, ThroughputRig.BaselineRealm), CancellationToken.None);
        var limits = new QboRealmLimits(new QboLimitsOptions());
        var client = new QboClient(new QboClientOptions
        {
            Environment = QboEnvironment.At(server.BaseUrl),
            RealmId = ThroughputRig.BaselineRealm,
            Tokens = new QboTokenKeeper("script", store, oauth),
            Limits = limits,
        });
        return new BaselineScript(rig, limits, http, client);
    }

    /// <summary>Reads every order after the last one seen and posts the paid ones; prints progress every <paramref name="progressEvery"/>.</summary>
    public async Task<PassFigures> RunAsync(string label, int orders, TimeSpan progressEvery)
    {
        _rig.StartPass(ThroughputRig.BaselineRealm);
        var (customersBefore, itemsBefore) = (_customers.Count, _items.Count);
        var watch = Stopwatch.StartNew();
        var nextReport = progressEvery;
        var posted = 0;
        var read = 0;
        _income ??= await IncomeAccountAsync();
        for (var page = await _orders.NextPageAsync(); page.Count > 0; page = await _orders.NextPageAsync())
        {
            foreach (var order in page)
            {
                read++;
                if (order.Postable)
                {
                    await PostAsync(order);
                    posted++;
                }

                if (watch.Elapsed >= nextReport)
                {
                    nextReport += progressEvery;
                    var c = _rig.Emulator.Qbo.Traffic.GetCounters(ThroughputRig.BaselineRealm);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  … {watch.Elapsed.TotalSeconds,6:F0} s: {read:N0} orders read, {posted:N0} posted; QuickBooks {c.Served:N0} served, {c.Throttled:N0} × 429"));
                }
            }
        }

        watch.Stop();
        var counters = _rig.Emulator.Qbo.Traffic.GetCounters(ThroughputRig.BaselineRealm);
        var summary = read == orders ? "" : $"read {read:N0} orders, expected {orders:N0}";
        return new PassFigures(label, orders, posted, watch.Elapsed, counters.Served, counters.BatchRequests, counters.Throttled + counters.InjectedThrottles,
            _rig.StoreTraffic.Calls, _rig.StoreTraffic.Throttled, 0, 0, summary, null)
        {
            CustomersCreated = _customers.Count - customersBefore,
            ItemsCreated = _items.Count - itemsBefore,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _orders.Dispose();
        _http.Dispose();
        await _limits.DisposeAsync();
    }

    private async Task PostAsync(ScriptOrder order)
    {
        var customer = await CustomerAsync(order);
        var lines = new List<Line>();
        foreach (var line in order.Lines)
        {
            lines.Add(Line.SalesItem(await ItemAsync(line), line.Quantity, line.Price, line.Title));
        }

        if (order.Discount > 0)
        {
            lines.Add(Line.DiscountAmount(order.Discount));
        }

        await _client.SalesReceipts.CreateAsync(new SalesReceipt
        {
            DocNumber = order.Number.Length <= 21 ? order.Number : order.Number[..21],
            TxnDate = DateOnly.FromDateTime(order.Created.Date),
            CustomerRef = customer,
            Line = lines,
            PrivateNote = $"Store order {order.Id}",
        }, QboRequestOptions.WithRequestId(Guid.NewGuid().ToString()));
    }

    private async Task<Ref> CustomerAsync(ScriptOrder order)
    {
        var key = order.Email.Length > 0 ? order.Email : $"{order.FirstName} {order.LastName}";
        if (_customers.TryGetValue(key, out var known))
        {
            return known;
        }

        var name = $"{order.FirstName} {order.LastName} ({key})";
        var created = await _client.Customers.CreateAsync(new Customer
        {
            DisplayName = name.Length <= 100 ? name : name[..100],
            GivenName = order.FirstName,
            FamilyName = order.LastName,
            PrimaryEmailAddr = order.Email.Length > 0 ? EmailAddress.Of(order.Email) : null,
        }, QboRequestOptions.WithRequestId(Guid.NewGuid().ToString()));
        return _customers[key] = Ref.To(created.Id!, created.DisplayName);
    }

    private async Task<Ref> ItemAsync(ScriptLine line)
    {
        if (_items.TryGetValue(line.Sku, out var known))
        {
            return known;
        }

        var created = await _client.Items.CreateAsync(new Item
        {
            Name = line.Sku,
            Sku = line.Sku,
            Description = line.Title,
            Type = ItemTypes.NonInventory,
            UnitPrice = line.Price,
            IncomeAccountRef = _income,
        }, QboRequestOptions.WithRequestId(Guid.NewGuid().ToString()));
        return _items[line.Sku] = Ref.To(created.Id!, created.Name);
    }

    private async Task<Ref> IncomeAccountAsync()
    {
        var accounts = await _client.Query.ListAllAsync<Account>(QboQuery.From("Account").WhereEquals("Name", "Sales of Product Income"));
        var account = accounts.FirstOrDefault() ?? throw new InvalidOperationException("The baseline company has no \"Sales of Product Income\" account.");
        return Ref.To(account.Id!, account.Name);
    }
}
