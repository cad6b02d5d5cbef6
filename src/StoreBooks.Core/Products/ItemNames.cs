using System.Text;
using StoreBooks.Core.Model;

namespace StoreBooks.Core.Products;

/// <summary>
/// QuickBooks item names for store products: at most 100 characters, no colon, tab or newline, unique among all items
/// (inactive ones included). A clash is resolved the same way on every run, readably: the SKU in brackets, then a number.
/// </summary>
public static class ItemNames
{
    public const int MaxLength = 100;

    /// <summary>Replaced by the product's title in <see cref="ProductSettings.VariantNameTemplate"/>.</summary>
    public const string ProductPlaceholder = "{product}";

    /// <summary>Replaced by the variant's title ("Blue / Large") in <see cref="ProductSettings.VariantNameTemplate"/>.</summary>
    public const string VariantPlaceholder = "{variant}";

    /// <summary>The placeholders a variant name template may use, with what each becomes.</summary>
    public static IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        [ProductPlaceholder] = "the product's title",
        [VariantPlaceholder] = "the variant's title, e.g. \"Blue / Large\"",
    };

    /// <summary>The name a product's item gets before cleaning: the product title, or the variant template.</summary>
    public static string Compose(StoreProduct product, string variantTemplate)
    {
        if (string.IsNullOrWhiteSpace(product.VariantTitle))
        {
            return product.ProductTitle;
        }

        return variantTemplate.Replace(ProductPlaceholder, product.ProductTitle, StringComparison.Ordinal)
            .Replace(VariantPlaceholder, product.VariantTitle, StringComparison.Ordinal);
    }

    /// <summary>
    /// The item name of a product, cleaned for QuickBooks and at most 100 characters. When the name is too long, the product title is
    /// shortened (ending in "…") and the variant part kept whole, so two colours of one long product stay two readable items; only
    /// a variant part too long by itself is cut too.
    /// </summary>
    public static string For(StoreProduct product, string variantTemplate)
    {
        var whole = Clean(Compose(product, variantTemplate), int.MaxValue);
        if (whole.Length <= MaxLength || string.IsNullOrWhiteSpace(product.VariantTitle) || !variantTemplate.Contains(ProductPlaceholder, StringComparison.Ordinal))
        {
            return Cut(whole, MaxLength);
        }

        var title = Clean(product.ProductTitle, int.MaxValue);
        var rest = whole.Length - title.Length;
        const int shortestTitle = 20;
        var room = MaxLength - rest - 1;
        if (room < shortestTitle)
        {
            return Cut(whole, MaxLength);
        }

        var shortened = title[..room].TrimEnd() + "…";
        return Cut(Clean(Compose(product with { ProductTitle = shortened }, variantTemplate), int.MaxValue), MaxLength);
    }

    /// <summary>
    /// A name QuickBooks accepts: colons become " - " (QuickBooks reads a colon as a parent:child path), tabs and line breaks become
    /// spaces, runs of spaces collapse, and the result is cut to 100 characters.
    /// </summary>
    public static string Clean(string name) => Clean(name, MaxLength);

    /// <summary>As <see cref="Clean(string)"/>, cut to <paramref name="max"/> characters (a customer's display name takes 500).</summary>
    public static string Clean(string name, int max)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c == ':')
            {
                text.Append(" - ");
            }
            else if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                text.Append(' ');
            }
            else
            {
                text.Append(c);
            }
        }

        var collapsed = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Cut(collapsed, max);
    }

    /// <summary>
    /// The first of <c>name</c>, <c>name (SKU)</c>, <c>name (2)</c>, <c>name (3)</c>… that <paramref name="isTaken"/> does not hold,
    /// each cut to fit 100 characters.
    /// </summary>
    public static string MakeUnique(string name, string? sku, Func<string, bool> isTaken)
    {
        if (!isTaken(name))
        {
            return name;
        }

        if (!string.IsNullOrWhiteSpace(sku))
        {
            var withSku = WithSuffix(name, $" ({Clean(sku)})");
            if (!isTaken(withSku))
            {
                return withSku;
            }
        }

        for (var n = 2; ; n++)
        {
            var numbered = WithSuffix(name, $" ({n})");
            if (!isTaken(numbered))
            {
                return numbered;
            }
        }
    }

    private static string WithSuffix(string name, string suffix) => Cut(name, MaxLength - suffix.Length) + suffix;

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd();
}
