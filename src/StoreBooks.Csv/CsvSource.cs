using System.Runtime.CompilerServices;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Orders;
using StoreBooks.Csv.Payouts;
using StoreBooks.Csv.Products;

namespace StoreBooks.Csv;

/// <summary>
/// A store read from Shopify's CSV exports: products from the product export, orders from "Orders → Export". Files are read
/// forward in pages; a row that cannot be read is a <see cref="SourceProblem"/> and the rest is read. See README.md beside
/// this file for how each column maps to the model.
/// </summary>
public sealed class CsvSource : IStoreSource, IPlacedOrderSource, IPayoutSource
{
    /// <summary>The connection's source kind.</summary>
    public const string SourceKind = "csv";

    /// <summary>Key of the products file's absolute path in <see cref="Connection.SourceSettings"/>.</summary>
    public const string ProductsPathSetting = "productsPath";

    /// <summary>Key of the orders file's absolute path in <see cref="Connection.SourceSettings"/>.</summary>
    public const string OrdersPathSetting = "ordersPath";

    /// <summary>Key of the payment transactions export's absolute path in <see cref="Connection.SourceSettings"/> (optional).</summary>
    public const string PayoutsPathSetting = "payoutsPath";

    private readonly CsvSourceOptions _options;

    public CsvSource(CsvSourceOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize);
        _options = options;
    }

    public string Kind => SourceKind;

    /// <summary>Payouts come from the payment transactions export, when the connection has one.</summary>
    public bool HasPayouts => _options.PayoutsPath is not null;

    /// <summary>The source of a connection of kind "csv", from the file paths in its settings.</summary>
    public static CsvSource FromConnection(Connection connection)
    {
        if (!string.Equals(connection.SourceKind, SourceKind, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Connection \"{connection.Name}\" reads from {connection.SourceKind}, not from CSV files.", nameof(connection));
        }

        return new CsvSource(new CsvSourceOptions
        {
            ProductsPath = (string?)connection.SourceSettings[ProductsPathSetting],
            OrdersPath = (string?)connection.SourceSettings[OrdersPathSetting],
            PayoutsPath = (string?)connection.SourceSettings[PayoutsPathSetting],
        });
    }

    /// <summary>
    /// Every product of the file, unless the file has not been written since <paramref name="changedSince"/>: the export
    /// has no per-product times, so each product's UpdatedAt is the file's last write time.
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_options.ProductsPath is not { } path)
        {
            yield break;
        }

        DateTimeOffset? written = File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null;
        if (written < changedSince)
        {
            yield break;
        }

        var page = new Page<StoreProduct>(_options.PageSize);
        await foreach (var read in ProductCsvReader.ReadAsync(path, written, cancellationToken).ConfigureAwait(false))
        {
            if (read.Product is { } product)
            {
                page.Records.Add(product);
            }
            else
            {
                page.Problems.Add(read.Error!);
            }

            if (page.IsFull)
            {
                yield return page.Take();
            }
        }

        if (!page.IsEmpty)
        {
            yield return page.Take();
        }
    }

    /// <summary>
    /// Orders whose UpdatedAt (the latest of Created at, Paid at and Cancelled at) is at or after <paramref name="changedSince"/>,
    /// in file order; every order when the file was written at or after <paramref name="changedSince"/> (a new export or upload
    /// may add an order placed long ago or change one already synced, and says so by no time of its own). Problems of orders
    /// older than <paramref name="changedSince"/> are not repeated.
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_options.OrdersPath is not { } path)
        {
            yield break;
        }

        if (changedSince is { } cursor && File.Exists(path) && new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) >= cursor)
        {
            changedSince = null;
        }

        var products = _options.ProductsPath is { } productsPath && File.Exists(productsPath)
            ? await ProductIndex.LoadAsync(productsPath, cancellationToken).ConfigureAwait(false)
            : ProductIndex.Empty;
        var page = new Page<StoreOrder>(_options.PageSize);

        // The catalogue's own problems come with every read of the orders, so they stay reported until the export is fixed.
        page.Problems.AddRange(products.Problems);
        await foreach (var read in OrderCsvReader.ReadAsync(path, products, cancellationToken).ConfigureAwait(false))
        {
            if (changedSince is { } since && read.UpdatedAt is { } updated && updated < since)
            {
                continue;
            }

            if (read.Order is { } order)
            {
                page.Records.Add(order);
            }

            page.Problems.AddRange(read.Problems);
            if (page.IsFull)
            {
                yield return page.Take();
            }
        }

        if (!page.IsEmpty)
        {
            yield return page.Take();
        }
    }

    /// <summary>
    /// The orders <see cref="ReadOrdersAsync"/> reads, oldest placed first (then by id), placed at or after
    /// <paramref name="placedFrom"/>: for a sliced sync, which goes on from the last placing time it reached. An export lists orders
    /// as it likes, so they are taken a window at a time (<see cref="CsvSourceOptions.PlacingWindow"/> orders): one read of the
    /// file finds where the window ends, a second collects its orders, sorted. The problems of the file come with the first page.
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersByPlacingAsync(DateTimeOffset? changedSince, DateTimeOffset? placedFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTimeOffset? after = null;
        List<SourceProblem>? problems = [];
        bool Wanted(DateTimeOffset placed) => (placedFrom is null || placed >= placedFrom) && (after is null || placed > after);
        while (true)
        {
            var times = new List<DateTimeOffset>();
            await foreach (var page in ReadOrdersAsync(changedSince, cancellationToken).ConfigureAwait(false))
            {
                times.AddRange(page.Records.Select(o => o.CreatedAt).Where(Wanted));
                problems?.AddRange(page.Problems);
            }

            if (times.Count == 0)
            {
                if (problems is { Count: > 0 })
                {
                    yield return new SourcePage<StoreOrder>([], problems);
                }

                yield break;
            }

            times.Sort();
            var end = times[Math.Min(Math.Max(1, _options.PlacingWindow), times.Count) - 1];
            var window = new List<StoreOrder>();
            await foreach (var page in ReadOrdersAsync(changedSince, cancellationToken).ConfigureAwait(false))
            {
                window.AddRange(page.Records.Where(o => Wanted(o.CreatedAt) && o.CreatedAt <= end));
            }

            window.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.SourceId, b.SourceId));
            foreach (var chunk in window.Chunk(_options.PageSize))
            {
                yield return new SourcePage<StoreOrder>(chunk, problems ?? []);
                problems = null;
            }

            if (problems is { Count: > 0 })
            {
                yield return new SourcePage<StoreOrder>([], problems);
            }

            problems = null;
            if (times.Count(t => t > end) == 0)
            {
                yield break;
            }

            after = end;
        }
    }

    /// <summary>
    /// These orders as the file has them now (the file is read forward once; ids it lacks are left out), with the problem of each
    /// one that is still broken, so a refused order is reported again until it is fixed, then read.
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wanted = sourceIds.ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            yield break;
        }

        await foreach (var page in ReadOrdersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var records = page.Records.Where(o => wanted.Contains(o.SourceId)).ToList();
            var problems = page.Problems.Where(p => p.OrderId is { } id && wanted.Contains(id)).ToList();
            if (records.Count > 0 || problems.Count > 0)
            {
                yield return new SourcePage<StoreOrder>(records, problems);
            }
        }
    }

    /// <summary>
    /// The payouts of the payment transactions export, when the connection has one, issued on or after <paramref name="issuedSince"/>,
    /// most recent first. Each movement's Order ("#1001") is found in the orders export, so the payout settles the sale StoreBooks
    /// posted for it.
    /// </summary>
    public async IAsyncEnumerable<SourcePage<StorePayout>> ReadPayoutsAsync(DateOnly? issuedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_options.PayoutsPath is not { } path)
        {
            yield break;
        }

        var orderIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? currency = null;
        await foreach (var page in ReadOrdersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Records)
            {
                orderIds.TryAdd(PayoutTransactionsCsvReader.Normalized(order.Number), order.SourceId);
                currency ??= order.Currency;
            }
        }

        var (payouts, problems) = await PayoutTransactionsCsvReader.ReadAsync(path, orderIds, currency, cancellationToken).ConfigureAwait(false);
        var wanted = payouts.Where(p => issuedSince is not { } since || p.IssuedOn >= since).ToList();
        for (var i = 0; i < Math.Max(wanted.Count, 1); i += _options.PageSize)
        {
            yield return new SourcePage<StorePayout>(wanted.Skip(i).Take(_options.PageSize).ToList(), i == 0 ? problems : []);
        }
    }

    /// <summary>The page being filled.</summary>
    private sealed class Page<T>(int size)
    {
        public List<T> Records { get; private set; } = [];

        public List<SourceProblem> Problems { get; private set; } = [];

        public bool IsFull => Records.Count >= size || Problems.Count >= size;

        public bool IsEmpty => Records.Count == 0 && Problems.Count == 0;

        public SourcePage<T> Take()
        {
            var page = new SourcePage<T>(Records, Problems);
            Records = [];
            Problems = [];
            return page;
        }
    }
}
