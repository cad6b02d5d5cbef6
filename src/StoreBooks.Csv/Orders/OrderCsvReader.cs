using System.Runtime.CompilerServices;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Products;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv.Orders;

/// <summary>
/// Reads Shopify's orders export forward only: the rows of one order are consecutive (same Name), so only the current order's
/// rows are held, and memory does not grow with the file.
/// </summary>
internal static class OrderCsvReader
{
    public static async IAsyncEnumerable<OrderRead> ReadAsync(string path, ProductIndex products, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = await CsvFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (MissingColumns(file) is { } unreadable)
        {
            yield return new OrderRead(null, [unreadable], null);
            yield break;
        }

        var columns = new OrderColumns(file);
        var builder = new OrderBuilder(file.FileName, file.ColumnCount, products);
        var rows = new List<OrderRow>();
        while (await file.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new OrderRow(file, columns);
            if (row[OrderColumn.Name].Length == 0)
            {
                yield return new OrderRead(null, [new SourceProblem($"{file.FileName} row {row.Row}",
                    $"{file.FileName} row {row.Row}: Name is empty; every row of an orders export needs its order's name (#1001).")], null);
                continue;
            }

            if (rows.Count > 0 && !string.Equals(rows[0][OrderColumn.Name], row[OrderColumn.Name], StringComparison.Ordinal))
            {
                yield return builder.Build(rows);
                rows = [];
            }

            rows.Add(row);
        }

        if (rows.Count > 0)
        {
            yield return builder.Build(rows);
        }
    }

    /// <summary>A problem naming the columns an orders export must have and this file lacks; null when it has them all.</summary>
    public static SourceProblem? MissingColumns(CsvFile file)
    {
        var columns = new OrderColumns(file);
        var missing = OrderColumns.Required.Where(c => !columns.Has(c)).Select(OrderColumns.Header).ToList();
        return missing.Count == 0
            ? null
            : new SourceProblem(file.FileName,
                $"{file.FileName} has no {string.Join(", ", missing.Select(m => $"\"{m}\""))} column, so it is not a Shopify orders export. " +
                "Export the orders again from Shopify (Orders → Export).");
    }
}
