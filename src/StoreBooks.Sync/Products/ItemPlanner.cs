using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Items;

namespace StoreBooks.Sync.Products;

/// <summary>
/// Decides, for each store product, what happens in QuickBooks (the article's rules): an earlier link is kept; else the product
/// is matched on its SKU or name against every item, active or not; one active match is used as it is (its accounts are never
/// touched); an inactive match or several matches are reported, never guessed; with no match, automatic mode creates the item
/// with the connection's defaults and manual mode reports what to create. Nothing is written here.
/// </summary>
public sealed class ItemPlanner
{
    private readonly ProductSettings _settings;
    private readonly ItemCatalog _catalog;
    private readonly ResolvedAccounts _accounts;
    private readonly IReadOnlyList<SettingsProblem> _settingsProblems;
    private readonly HashSet<string> _plannedNames = new(StringComparer.Ordinal);

    public ItemPlanner(ProductSettings settings, ItemCatalog catalog, ResolvedAccounts accounts, IReadOnlyList<SettingsProblem> settingsProblems)
    {
        _settings = settings;
        _catalog = catalog;
        _accounts = accounts;
        _settingsProblems = settingsProblems;
    }

    /// <summary>The name a product's item has or gets (before any clash is resolved).</summary>
    public string ItemName(StoreProduct product) => ItemNames.For(product, _settings.VariantNameTemplate);

    public ItemPlanEntry Plan(StoreProduct product, Link? link)
    {
        if (link is { State: LinkState.Done, QboId: { } linkedId } && _catalog.Get(linkedId) is { } linked)
        {
            return linked.Active == false
                ? Entry(product, ItemAction.Inactive, link, linked, ItemMessages.LinkedInactive.With(("product", DescribeMessage(product)), ("item", linked.Name ?? ""), ("id", linked.Id ?? "")))
                : Entry(product, ItemAction.Linked, link, linked);
        }

        if (link is { State: LinkState.Pending, CreatedWith: { } intended } && NewItemJson.Read(intended) is { } pending)
        {
            // A creation was under way when the last run stopped. The item exists if QuickBooks committed it: adopt it.
            // Otherwise re-send it with the same requestid, which QuickBooks answers with the original result if it was done.
            var existing = _catalog.WithName(pending.Name).FirstOrDefault();
            if (existing is not null)
            {
                return Entry(product, ItemAction.Created, link, existing) with { NewItem = pending };
            }

            _plannedNames.Add(MatchKeys.Normalize(pending.Name)!);
            return Entry(product, ItemAction.Create, link, null) with { NewItem = pending };
        }

        var byName = _settings.MatchKey == ItemMatchKey.Name || string.IsNullOrWhiteSpace(product.Sku);
        if (byName && _settings.MatchKey == ItemMatchKey.Sku && _settings.WithoutSku == MissingSkuRule.Report)
        {
            return Entry(product, ItemAction.NoSku, link, null, ItemMessages.NoSku.With(("product", DescribeMessage(product))));
        }

        var name = ItemName(product);
        var matches = byName ? _catalog.WithName(name) : _catalog.WithSku(product.Sku);
        var key = byName ? ItemMessages.ByName.With(("name", name)) : ItemMessages.BySku.With(("sku", product.Sku!.Trim()));
        if (matches.Count > 1)
        {
            var list = MessageArg.List(matches.Select(m => (MessageArg)(m.Active == false ? ItemMessages.InactiveCandidate : ItemMessages.Candidate).With(("name", m.Name ?? ""), ("id", m.Id ?? ""))), ", ");
            return Entry(product, ItemAction.Ambiguous, link, null, (byName ? ItemMessages.AmbiguousName : ItemMessages.AmbiguousSku)
                .With(("product", DescribeMessage(product)), ("key", key), ("count", matches.Count), ("items", list)));
        }

        if (matches.Count == 1)
        {
            var match = matches[0];
            return match.Active == false
                ? Entry(product, ItemAction.Inactive, link, match, (byName ? ItemMessages.MatchInactiveName : ItemMessages.MatchInactiveSku)
                    .With(("product", DescribeMessage(product)), ("key", key), ("item", match.Name ?? ""), ("id", match.Id ?? "")))
                : Entry(product, ItemAction.Matched, link, match);
        }

        if (_settings.Mode == ItemMode.Manual)
        {
            return Entry(product, ItemAction.Missing, link, null, byName
                ? ItemMessages.MissingByName.With(("product", DescribeMessage(product)), ("name", name))
                : ItemMessages.MissingBySku.With(("product", DescribeMessage(product)), ("sku", product.Sku!.Trim()), ("name", name)));
        }

        if (_settingsProblems.Count > 0 || _accounts.Income is null)
        {
            var why = _settingsProblems.Count > 0 ? SyncMessage.Untranslated(string.Join(" ", _settingsProblems.Select(p => p.Message))) : ItemMessages.NoIncomeAccount.With();
            return Entry(product, ItemAction.Failed, link, null, ItemMessages.CannotCreate.With(("product", DescribeMessage(product)), ("why", why)));
        }

        var unique = ItemNames.MakeUnique(name, product.Sku?.Trim(), candidate => _catalog.NameTaken(candidate) || _plannedNames.Contains(MatchKeys.Normalize(candidate)!));
        _plannedNames.Add(MatchKeys.Normalize(unique)!);
        return Entry(product, ItemAction.Create, link, null) with { NewItem = NewItemFor(product, unique) };
    }

    /// <summary>The item the defaults give for <paramref name="product"/> under <paramref name="name"/>.</summary>
    public NewItem NewItemFor(StoreProduct product, string name)
    {
        var inventory = _settings.CreateAs == CreatedItemType.Inventory;
        return new NewItem
        {
            Name = name,
            Sku = string.IsNullOrWhiteSpace(product.Sku) ? null : product.Sku.Trim(),
            Type = inventory ? ItemTypes.Inventory : ItemTypes.NonInventory,
            IncomeAccountId = _accounts.Income!.Id,
            ExpenseAccountId = _accounts.Expense?.Id,
            AssetAccountId = inventory ? _accounts.InventoryAsset?.Id : null,
            InvStartDate = inventory ? _settings.InventoryStartDate : null,
            UnitPrice = product.Price,
            Description = string.IsNullOrWhiteSpace(product.Description) ? null : Truncate(product.Description.Trim(), 4000),
        };
    }

    /// <summary>"Organic Tee - Large (SKU TEE-L)": how a product is named in messages.</summary>
    public string Describe(StoreProduct product) => DescribeMessage(product).Text;

    public SyncMessage DescribeMessage(StoreProduct product)
    {
        var name = ItemNames.Compose(product, _settings.VariantNameTemplate);
        return string.IsNullOrWhiteSpace(product.Sku) ? ItemMessages.Product.With(("name", name)) : ItemMessages.ProductSku.With(("name", name), ("sku", product.Sku.Trim()));
    }

    private static ItemPlanEntry Entry(StoreProduct product, ItemAction action, Link? link, Item? item, SyncMessage? message = null) =>
        new() { Product = product, Action = action, Link = link, Item = item, Message = message?.Text, Detail = message };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
