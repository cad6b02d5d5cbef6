using Microsoft.Extensions.Logging;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;

namespace StoreBooks.Sync.Products;

/// <summary>The outcome of planning or pushing a set of products.</summary>
public sealed record ItemPlanResult(IReadOnlyList<ItemPlanEntry> Entries, IReadOnlyList<SettingsProblem> SettingsProblems)
{
    public int Count(ItemAction action) => Entries.Count(e => e.Action == action);
}

/// <summary>
/// Gets a QuickBooks item for store products, by the article's rules: plan (match on SKU or name, against every item), then in
/// automatic mode create the missing ones with the connection's defaults, each creation carrying its link's requestid so a crash
/// and a rerun never create a second item. Existing items are never updated, except, when the merchant turned it on, the price or
/// description of items StoreBooks created — never their accounts or type.
/// </summary>
public sealed partial class ProductSync
{
    private readonly SyncContext _context;
    private readonly ILogger _logger;

    public ProductSync(SyncContext context)
    {
        _context = context;
        _logger = context.Loggers.CreateLogger<ProductSync>();
    }

    /// <summary>How many items are created at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>What would happen to each product; writes nothing.</summary>
    public async Task<ItemPlanResult> PlanAsync(IReadOnlyList<StoreProduct> products, CancellationToken cancellationToken)
    {
        var (planner, problems) = await PlannerAsync(cancellationToken).ConfigureAwait(false);
        var links = await LinksAsync(products, cancellationToken).ConfigureAwait(false);
        var entries = new List<ItemPlanEntry>(products.Count);
        var creating = new Dictionary<string, ItemPlanEntry>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            var entry = planner.Plan(product, links.GetValueOrDefault(product.SourceId));
            if (entry.Action == ItemAction.Create && SameItemKey(product) is { } key)
            {
                if (creating.TryGetValue(key, out var first))
                {
                    // QuickBooks sees "ABC-1" and "abc-1 " as one SKU: one item, created for the first product, shared by both.
                    entry = entry with { NewItem = first.NewItem, SameAs = first.Product.SourceId };
                }
                else
                {
                    creating[key] = entry;
                }
            }

            entries.Add(entry);
        }

        return new ItemPlanResult(entries, problems);
    }

    /// <summary>When products are matched on SKU: the product's SKU without case or surrounding spaces; else null.</summary>
    private string? SameItemKey(StoreProduct product) =>
        _context.Settings.Products.MatchKey == ItemMatchKey.Sku ? MatchKeys.Normalize(product.Sku) : null;

    /// <summary>Plans, then links matches and creates what is missing (automatic mode). Returns each product's outcome.</summary>
    public async Task<ItemPlanResult> PushAsync(IReadOnlyList<StoreProduct> products, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(products, cancellationToken).ConfigureAwait(false);
        var results = new ItemPlanEntry[plan.Entries.Count];
        var creator = new ItemCreator(_context, await _context.ItemsAsync(cancellationToken).ConfigureAwait(false), _logger);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plan.Entries.Count).Where(i => plan.Entries[i].SameAs is null),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await ApplyAsync(plan.Entries[i], creator, ct).ConfigureAwait(false)).ConfigureAwait(false);

        // Products sharing another's item follow it: linked to the item made for it, or held back for the same reason.
        var firsts = Enumerable.Range(0, plan.Entries.Count).Where(i => plan.Entries[i].SameAs is null)
            .ToDictionary(i => plan.Entries[i].Product.SourceId, i => results[i], StringComparer.Ordinal);
        for (var i = 0; i < plan.Entries.Count; i++)
        {
            if (plan.Entries[i].SameAs is not { } first)
            {
                continue;
            }

            var leader = firsts[first];
            var follower = plan.Entries[i];
            if (leader.HasItem)
            {
                results[i] = follower with { Action = ItemAction.Matched, Item = leader.Item, NewItem = null, Message = null, Detail = null };
                await LinkAsync(results[i], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                results[i] = follower with { Action = leader.Action, Item = leader.Item, Message = leader.Message, Detail = leader.Detail };
            }
        }

        return plan with { Entries = results };
    }

    private async Task<ItemPlanEntry> ApplyAsync(ItemPlanEntry entry, ItemCreator creator, CancellationToken cancellationToken)
    {
        switch (entry.Action)
        {
            case ItemAction.Create:
                return await creator.CreateAsync(entry, cancellationToken).ConfigureAwait(false);
            case ItemAction.Matched or ItemAction.Created:
                await LinkAsync(entry, cancellationToken).ConfigureAwait(false);
                return entry;
            case ItemAction.Linked:
                return await creator.UpdateCreatedItemAsync(entry, _context.Settings.Products, cancellationToken).ConfigureAwait(false);
            default:
                return entry;
        }
    }

    private async Task LinkAsync(ItemPlanEntry entry, CancellationToken cancellationToken)
    {
        var link = entry.Link ?? await _context.State.Links.ReserveAsync(_context.ConnectionId, LinkKind.Item, entry.Product.SourceId, cancellationToken).ConfigureAwait(false);
        await _context.State.Links.SaveAsync(link with
        {
            State = LinkState.Done,
            QboId = entry.Item!.Id,
            QboSyncToken = entry.Item.SyncToken,
            Message = null,
            UpdatedAt = _context.Time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        LogLinked(entry.Product.SourceId, entry.Item.Id!, entry.Action);
    }

    private async Task<(ItemPlanner Planner, IReadOnlyList<SettingsProblem> Problems)> PlannerAsync(CancellationToken cancellationToken)
    {
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var catalog = await _context.ItemsAsync(cancellationToken).ConfigureAwait(false);
        var settings = _context.Settings.Products;
        var problems = ProductSettingsCheck.Check(settings, _context.Settings.SyncStartDate, company.TracksInventory, company.LedgerAccounts, out var accounts);
        return (new ItemPlanner(settings, catalog, accounts, problems), problems);
    }

    private async Task<IReadOnlyDictionary<string, Link>> LinksAsync(IReadOnlyList<StoreProduct> products, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, Link>(StringComparer.Ordinal);
        foreach (var chunk in products.Select(p => p.SourceId).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            foreach (var (id, link) in await _context.State.Links.FindManyAsync(_context.ConnectionId, LinkKind.Item, chunk, cancellationToken).ConfigureAwait(false))
            {
                all[id] = link;
            }
        }

        return all;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Product {SourceId} linked to QuickBooks item {ItemId} ({Action})")]
    private partial void LogLinked(string sourceId, string itemId, ItemAction action);
}
