namespace StoreBooks.Core.Messages;

/// <summary>Why a store product has no QuickBooks item to post with (the item plan), and how products are named.</summary>
public static class ItemMessages
{
    public static readonly MessageTemplate Product = new("product.ref", "Product \"{name}\"");

    public static readonly MessageTemplate ProductSku = new("product.ref-sku", "Product \"{name}\" (SKU {sku})");

    public static readonly MessageTemplate LinkedInactive = new("item.linked-inactive",
        "{product} is linked to the QuickBooks item \"{item}\" (id {id}), which is now inactive. Make it active in QuickBooks; sales that use it wait until then.");

    public static readonly MessageTemplate NoSku = new("item.no-sku",
        "{product} has no SKU, and products are matched on SKU. Give it a SKU in the store, or let products without a SKU match on their name (products.withoutSku = MatchByName).");

    public static readonly MessageTemplate ByName = new("item.key.name", "the name \"{name}\"");

    public static readonly MessageTemplate BySku = new("item.key.sku", "SKU {sku}");

    public static readonly MessageTemplate Candidate = new("item.candidate", "\"{name}\" (id {id})");

    public static readonly MessageTemplate InactiveCandidate = new("item.candidate-inactive", "\"{name}\" (id {id}, inactive)");

    public static readonly MessageTemplate AmbiguousName = new("item.ambiguous.name",
        "{product}: {key} is on {count} QuickBooks items: {items}. StoreBooks will not guess: change the name of all but one of them in QuickBooks.");

    public static readonly MessageTemplate AmbiguousSku = new("item.ambiguous.sku",
        "{product}: {key} is on {count} QuickBooks items: {items}. StoreBooks will not guess: change the SKU of all but one of them in QuickBooks.");

    public static readonly MessageTemplate MatchInactiveName = new("item.match-inactive.name",
        "{product}: {key} matches the QuickBooks item \"{item}\" (id {id}), which is inactive. Make it active in QuickBooks, or change its name so StoreBooks stops matching it.");

    public static readonly MessageTemplate MatchInactiveSku = new("item.match-inactive.sku",
        "{product}: {key} matches the QuickBooks item \"{item}\" (id {id}), which is inactive. Make it active in QuickBooks, or change its SKU so StoreBooks stops matching it.");

    public static readonly MessageTemplate MissingByName = new("item.missing.name",
        "{product} has no QuickBooks item. Create a product or service in QuickBooks named exactly \"{name}\"; sales that use it wait and sync on the next run once it exists.");

    public static readonly MessageTemplate MissingBySku = new("item.missing.sku",
        "{product} has no QuickBooks item. Create a product or service in QuickBooks with SKU {sku} (for example named \"{name}\"); sales that use it wait and sync on the next run once it exists.");

    public static readonly MessageTemplate NoIncomeAccount = new("item.no-income-account", "Choose an income account for created items.");

    public static readonly MessageTemplate CannotCreate = new("item.cannot-create",
        "{product} has no QuickBooks item, and StoreBooks cannot create it until the product settings are fixed: {why}");

    public static readonly MessageTemplate ProductId = new("item.for.product", "product {id}");

    public static readonly MessageTemplate ForSku = new("item.for.sku", "SKU {sku}");

    public static readonly MessageTemplate CreateRefused = new("item.create-refused", "QuickBooks refused to create the item \"{item}\" for {product}: {detail}");

    public static readonly MessageTemplate CreateNotNow = new("item.create-not-now",
        "The item \"{item}\" for {product} could not be created now ({kind}); the next run finishes it without creating it twice. {detail}");
}
