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
                ? Entry(product, ItemAction.Inactive, link, linked, $"{Describe(product)} is linked to the QuickBooks item \"{linked.Name}\" (id {linked.Id}), which is now inactive. Make it active in QuickBooks; sales that use it wait until then.")
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
            return Entry(product, ItemAction.NoSku, link, null,
                $"{Describe(product)} has no SKU, and products are matched on SKU. Give it a SKU in the store, or let products without a SKU match on their name (products.withoutSku = MatchByName).");
        }

        var name = ItemName(product);
        var matches = byName ? _catalog.WithName(name) : _catalog.WithSku(product.Sku);
        var key = byName ? $"the name \"{name}\"" : $"SKU {product.Sku!.Trim()}";
        if (matches.Count > 1)
        {
            var list = string.Join(", ", matches.Select(m => $"\"{m.Name}\" (id {m.Id}{(m.Active == false ? ", inactive" : "")})"));
            return Entry(product, ItemAction.Ambiguous, link, null,
                $"{Describe(product)}: {key} is on {matches.Count} QuickBooks items: {list}. StoreBooks will not guess: change the {(byName ? "name" : "SKU")} of all but one of them in QuickBooks.");
        }

        if (matches.Count == 1)
        {
            var match = matches[0];
            return match.Active == false
                ? Entry(product, ItemAction.Inactive, link, match,
                    $"{Describe(product)}: {key} matches the QuickBooks item \"{match.Name}\" (id {match.Id}), which is inactive. Make it active in QuickBooks, or change its {(byName ? "name" : "SKU")} so StoreBooks stops matching it.")
                : Entry(product, ItemAction.Matched, link, match);
        }

        if (_settings.Mode == ItemMode.Manual)
        {
            var what = byName ? $"named exactly \"{name}\"" : $"with SKU {product.Sku!.Trim()} (for example named \"{name}\")";
            return Entry(product, ItemAction.Missing, link, null,
                $"{Describe(product)} has no QuickBooks item. Create a product or service in QuickBooks {what}; sales that use it wait and sync on the next run once it exists.");
        }

        if (_settingsProblems.Count > 0 || _accounts.Income is null)
        {
            var why = _settingsProblems.Count > 0 ? string.Join(" ", _settingsProblems.Select(p => p.Message)) : "Choose an income account for created items.";
            return Entry(product, ItemAction.Failed, link, null, $"{Describe(product)} has no QuickBooks item, and StoreBooks cannot create it until the product settings are fixed: {why}");
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
    public string Describe(StoreProduct product)
    {
        var name = ItemNames.Compose(product, _settings.VariantNameTemplate);
        return string.IsNullOrWhiteSpace(product.Sku) ? $"Product \"{name}\"" : $"Product \"{name}\" (SKU {product.Sku.Trim()})";
    }

    private static ItemPlanEntry Entry(StoreProduct product, ItemAction action, Link? link, Item? item, string? message = null) =>
        new() { Product = product, Action = action, Link = link, Item = item, Message = message };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
