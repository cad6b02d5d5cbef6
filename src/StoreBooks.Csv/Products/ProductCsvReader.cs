using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv.Products;

/// <summary>
/// Reads Shopify's product CSV export: one row per variant, product columns (Title, Body, Status, option names) only on the
/// first row of a handle and carried down to its other rows; rows with only an image are skipped. Each variant becomes its own
/// <see cref="StoreProduct"/>: SourceId is the handle alone for a product without variants (option "Default Title"),
/// else <c>handle:Value1 / Value2</c>, and VariantTitle is the option values joined by " / ".
/// </summary>
internal static class ProductCsvReader
{
    private static readonly string[] Required = ["Handle", "Variant Price"];

    /// <summary>Reads every record of the file; <paramref name="updatedAt"/> is stamped on each (the export has no times).</summary>
    public static async IAsyncEnumerable<ProductRead> ReadAsync(string path, DateTimeOffset? updatedAt, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (opened, unopened) = await CsvFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            yield return ProductRead.Problem(new SourceProblem(Path.GetFileName(path), unopened!));
            yield break;
        }

        using var file = opened;
        if (MissingColumns(file) is { } unreadable)
        {
            yield return ProductRead.Problem(unreadable);
            yield break;
        }

        var columns = new ProductColumns(file);
        ProductHead? head = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await file.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var handle = file.Get(columns.Handle);
            var location = file.Location;
            var place = file.Place;
            if (file.Fault != CsvFault.None)
            {
                var which = handle.Length > 0 ? CsvMessages.ProductHandle.With(("handle", handle)) : (MessageArg)string.Empty;
                yield return ProductRead.Problem(new SourceProblem(location, CsvMessages.ProductRowBroken.With(("at", place), ("which", which), ("fault", file.FaultMessage))));
                continue;
            }

            if (handle.Length == 0)
            {
                yield return ProductRead.Problem(new SourceProblem(location, CsvMessages.ProductNoHandle.With(("at", place))));
                continue;
            }

            if (head is null || !string.Equals(head.Handle, handle, StringComparison.Ordinal))
            {
                head = ProductHead.From(file, columns, handle);
                seen.Clear();
            }

            var optionValues = new[] { columns.Option1Value, columns.Option2Value, columns.Option3Value }.Select(file.Get).Where(v => v.Length > 0).ToList();
            var sku = file.Get(columns.Sku);
            var priceText = file.Get(columns.Price);
            if (optionValues.Count == 0 && sku.Length == 0 && priceText.Length == 0)
            {
                continue; // an extra image of the product
            }

            var hasVariants = !(optionValues.Count == 0 || (optionValues.Count == 1 && optionValues[0].Equals("Default Title", StringComparison.OrdinalIgnoreCase)));
            var variantTitle = hasVariants ? string.Join(" / ", optionValues) : null;
            var sourceId = hasVariants ? $"{handle}:{variantTitle}" : handle;
            var label = hasVariants
                ? CsvMessages.ProductVariant.With(("title", head.Title), ("variant", variantTitle!))
                : CsvMessages.Product.With(("title", head.Title));
            var errors = new List<SyncMessage>();
            if (head.Title.Length == 0)
            {
                errors.Add(CsvMessages.ProductNoTitle.With(("handle", handle)));
            }

            if (!seen.Add(sourceId))
            {
                errors.Add(CsvMessages.ProductVariantTwice.With(("variant", variantTitle ?? handle), ("handle", handle)));
            }

            decimal? price = null;
            SyncMessage? priceWarning = null;
            if (priceText.Length == 0)
            {
                priceWarning = CsvMessages.Empty.With(("column", "Variant Price"));
            }
            else if (!CsvValues.TryMoney(priceText, out var p))
            {
                errors.Add(CsvMessages.NotNumber.With(("column", "Variant Price"), ("text", priceText), ("example", "24.99")));
            }
            else if (p < 0m)
            {
                priceWarning = CsvMessages.PriceNegative.With(("price", CsvMessages.Money(p)));
            }
            else
            {
                price = p;
            }

            decimal? cost = null;
            var costText = file.Get(columns.Cost);
            if (costText.Length > 0)
            {
                if (CsvValues.TryMoney(costText, out var c))
                {
                    cost = c;
                }
                else
                {
                    errors.Add(CsvMessages.NotNumber.With(("column", "Cost per item"), ("text", costText), ("example", "8.50")));
                }
            }

            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    yield return ProductRead.Problem(new SourceProblem(sourceId, CsvMessages.ProductProblem.With(("at", place), ("product", label), ("problem", error))));
                }

                continue;
            }

            if (priceWarning is not null)
            {
                // The product is still read (its orders carry their own prices): only the catalogue price is left out.
                yield return ProductRead.Problem(new SourceProblem(sourceId,
                    CsvMessages.ProductNoPrice.With(("at", place), ("product", label), ("why", priceWarning))));
            }

            yield return ProductRead.Record(new StoreProduct
            {
                SourceId = sourceId,
                ProductId = handle,
                ProductTitle = head.Title,
                VariantTitle = variantTitle,
                Sku = sku.Length == 0 ? null : sku,
                Price = price,
                Cost = cost,
                TracksInventory = file.Get(columns.InventoryTracker).Length > 0,
                Active = head.Active,
                Description = head.Description,
                UpdatedAt = updatedAt,
                Origin = location,
            });
        }
    }

    /// <summary>A problem naming the columns a product export must have and this file lacks; null when it has them all.</summary>
    public static SourceProblem? MissingColumns(CsvFile file)
    {
        var missing = Required.Where(c => !file.Has(c)).ToList();
        return missing.Count == 0
            ? null
            : new SourceProblem(file.FileName, CsvMessages.ProductsColumnsMissing.With(("file", file.FileName), ("columns", missing.Count == 1
                ? CsvMessages.Quoted.With(("name", missing[0]))
                : CsvMessages.Either.With(("first", CsvMessages.Quoted.With(("name", missing[0]))), ("second", CsvMessages.Quoted.With(("name", missing[1])))))));
    }

    /// <summary>The product columns of a handle's first row, carried down to its other rows.</summary>
    private sealed record ProductHead(string Handle, string Title, string? Description, bool Active)
    {
        public static ProductHead From(CsvFile file, ProductColumns columns, string handle)
        {
            var body = file.Get(columns.Body);
            if (body.Length == 0)
            {
                body = file.Get(columns.Description);
            }

            var status = file.Get(columns.Status);
            var published = file.Get(columns.Published);
            var active = status.Length > 0
                ? status.Equals("active", StringComparison.OrdinalIgnoreCase)
                : published.Length == 0 || !CsvValues.TryBoolean(published, out var isPublished) || isPublished;
            return new ProductHead(handle, file.Get(columns.Title), HtmlText.ToPlainText(body), active);
        }
    }

    private sealed class ProductColumns(CsvFile file)
    {
        public int Handle { get; } = file.Ordinal("Handle");
        public int Title { get; } = file.Ordinal("Title");
        public int Body { get; } = file.Ordinal("Body (HTML)");
        public int Description { get; } = file.Ordinal("Description");
        public int Status { get; } = file.Ordinal("Status");
        public int Published { get; } = file.Ordinal("Published");
        public int Option1Value { get; } = file.Ordinal("Option1 Value");
        public int Option2Value { get; } = file.Ordinal("Option2 Value");
        public int Option3Value { get; } = file.Ordinal("Option3 Value");
        public int Sku { get; } = file.Ordinal("Variant SKU");
        public int Price { get; } = file.Ordinal("Variant Price");
        public int InventoryTracker { get; } = file.Ordinal("Variant Inventory Tracker");
        public int Cost { get; } = file.Ordinal("Cost per item");
    }
}

/// <summary>One product read from the file, or a problem with one row.</summary>
internal readonly record struct ProductRead(StoreProduct? Product, SourceProblem? Error)
{
    public static ProductRead Record(StoreProduct product) => new(product, null);

    public static ProductRead Problem(SourceProblem problem) => new(null, problem);
}
