using StoreBooks.Core.Messages;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Orders;
using StoreBooks.Csv.Products;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv;

/// <summary>What a CSV connection's files hold, read once end to end: counts, rows that cannot be read, and files that are not exports at all.</summary>
public sealed record CsvExportSummary
{
    /// <summary>Distinct products (handles) in the product export.</summary>
    public int Products { get; init; }

    /// <summary>Sellable records: variants, and products without variants.</summary>
    public int Variants { get; init; }

    public int Orders { get; init; }

    /// <summary>Rows that cannot be read; the sync reports each and reads the rest.</summary>
    public IReadOnlyList<SourceProblem> Problems { get; init; } = [];

    /// <summary>Payouts in the payment transactions export, when the connection has one.</summary>
    public int Payouts { get; init; }

    /// <summary>Files that cannot be used at all (missing, or lacking the columns of the export they should be).</summary>
    public IReadOnlyList<string> FileErrors => [.. FileErrorDetails.Select(e => e.Text)];

    /// <summary><see cref="FileErrors"/> as catalogue messages, for the dashboard to say in the reader's language.</summary>
    public IReadOnlyList<SyncMessage> FileErrorDetails { get; init; } = [];
}

/// <summary>Checks a CSV connection's files before it is saved, so the merchant learns at once that a file is the wrong one.</summary>
public static class CsvExportCheck
{
    public static async Task<CsvExportSummary> RunAsync(CsvSourceOptions options, CancellationToken cancellationToken)
    {
        var fileErrors = new List<SyncMessage>();
        if (options.ProductsPath is { } products)
        {
            fileErrors.AddRange(await CheckColumnsAsync(products, CsvMessages.Products.With(), ProductCsvReader.MissingColumns, cancellationToken).ConfigureAwait(false));
        }

        if (options.OrdersPath is { } orders)
        {
            fileErrors.AddRange(await CheckColumnsAsync(orders, CsvMessages.Orders.With(), OrderCsvReader.MissingColumns, cancellationToken).ConfigureAwait(false));
        }

        if (fileErrors.Count > 0)
        {
            return new CsvExportSummary { FileErrorDetails = fileErrors };
        }

        var source = new CsvSource(options);
        var problems = new List<SourceProblem>();
        var handles = new HashSet<string>(StringComparer.Ordinal);
        var variants = 0;
        await foreach (var page in source.ReadProductsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            variants += page.Records.Count;
            handles.UnionWith(page.Records.Select(p => p.ProductId));
            problems.AddRange(page.Problems);
        }

        var orderCount = 0;
        await foreach (var page in source.ReadOrdersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            orderCount += page.Records.Count;
            problems.AddRange(page.Problems);
        }

        var payouts = 0;
        if (options.PayoutsPath is { } payoutsPath)
        {
            if (!File.Exists(payoutsPath))
            {
                return new CsvExportSummary { FileErrorDetails = [CsvMessages.ExportMissing.With(("what", CsvMessages.Payouts.With()), ("path", payoutsPath))] };
            }

            var fileName = Path.GetFileName(payoutsPath);
            await foreach (var page in source.ReadPayoutsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                payouts += page.Records.Count;
                if (page.Problems.FirstOrDefault(p => p.RecordId == fileName) is { } unreadable)
                {
                    return new CsvExportSummary { FileErrorDetails = [unreadable.Detail ?? SyncMessage.Untranslated(unreadable.Message)] };
                }

                problems.AddRange(page.Problems);
            }
        }

        return new CsvExportSummary { Products = handles.Count, Variants = variants, Orders = orderCount, Payouts = payouts, Problems = problems };
    }

    private static async Task<IEnumerable<SyncMessage>> CheckColumnsAsync(
        string path, SyncMessage what, Func<CsvFile, SourceProblem?> missingColumns, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [CsvMessages.ExportMissing.With(("what", what), ("path", path))];
        }

        var (file, unopened) = await CsvFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return [unopened!];
        }

        using (file)
        {
            return missingColumns(file) is { } problem ? [problem.Detail ?? SyncMessage.Untranslated(problem.Message)] : [];
        }
    }
}
