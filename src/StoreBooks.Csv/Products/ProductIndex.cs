using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;

namespace StoreBooks.Csv.Products;

/// <summary>
/// The products of the product export, to recognise an order line's product: by SKU when exactly one variant has it, else by
/// the name Shopify writes on the line ("Organic Tee - Large / Blue", or the title alone for a product without variants).
/// Its size follows the catalogue, not the orders file.
/// </summary>
internal sealed class ProductIndex
{
    private readonly Dictionary<string, StoreProduct?> _bySku = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StoreProduct?> _byName = new(StringComparer.OrdinalIgnoreCase);

    public static ProductIndex Empty { get; } = new();

    public int Count { get; private set; }

    /// <summary>What the product export could not give (a row that cannot be read, a negative price), each under its product.</summary>
    public List<SourceProblem> Problems { get; } = [];

    public static async Task<ProductIndex> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var index = new ProductIndex();
        await foreach (var read in ProductCsvReader.ReadAsync(path, null, cancellationToken).ConfigureAwait(false))
        {
            if (read.Product is { } product)
            {
                index.Add(product);
            }

            if (read.Error is { } problem)
            {
                index.Problems.Add(problem with { ProductId = problem.RecordId });
            }
        }

        return index;
    }

    public StoreProduct? Find(string? sku, string lineName)
    {
        if (!string.IsNullOrWhiteSpace(sku) && _bySku.TryGetValue(sku.Trim(), out var bySku) && bySku is not null)
        {
            return bySku;
        }

        return _byName.TryGetValue(lineName.Trim(), out var byName) ? byName : null;
    }

    private void Add(StoreProduct product)
    {
        Count++;
        if (!string.IsNullOrWhiteSpace(product.Sku))
        {
            AddUnique(_bySku, product.Sku.Trim(), product);
        }

        var name = product.VariantTitle is null ? product.ProductTitle : $"{product.ProductTitle} - {product.VariantTitle}";
        AddUnique(_byName, name, product);
    }

    /// <summary>A key shared by two products matches neither (null marks it ambiguous).</summary>
    private static void AddUnique(Dictionary<string, StoreProduct?> map, string key, StoreProduct product)
    {
        if (!map.TryAdd(key, product))
        {
            map[key] = null;
        }
    }
}
