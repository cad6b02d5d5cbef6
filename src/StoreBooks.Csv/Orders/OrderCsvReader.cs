using System.Runtime.CompilerServices;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Products;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv.Orders;

/// <summary>
/// Reads Shopify's orders export forward: the rows of one order are consecutive (same Name), so only the current order's rows
/// are held. A first pass over the file finds the orders whose rows are in several places (an order edited or pasted apart):
/// it keeps one small entry per order (its name and lines), and those orders are refused whole, with one problem naming every place.
/// </summary>
internal static class OrderCsvReader
{
    public static async IAsyncEnumerable<OrderRead> ReadAsync(string path, ProductIndex products, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var split = await SplitOrdersAsync(path, cancellationToken).ConfigureAwait(false);
        var (file, unopened) = await CsvFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            yield return new OrderRead(null, [new SourceProblem(Path.GetFileName(path), unopened!)], null);
            yield break;
        }

        using (file)
        {
            if (MissingColumns(file) is { } unreadable)
            {
                yield return new OrderRead(null, [unreadable], null);
                yield break;
            }

            var columns = new OrderColumns(file);
            var builder = new OrderBuilder(file.FileName, products);
            var held = new Dictionary<string, SplitOrder>(StringComparer.Ordinal);
            var rows = new List<OrderRow>();
            while (await file.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new OrderRow(file, columns);
                if (row[OrderColumn.Name].Length == 0)
                {
                    var message = row.Fault == CsvFault.None
                        ? CsvMessages.RowNoName.With(("at", row.Place))
                        : CsvMessages.RowBrokenNoName.With(("at", row.Place), ("fault", row.FaultMessage));
                    yield return new OrderRead(null, [new SourceProblem(row.Location, message)], null);
                    continue;
                }

                if (rows.Count > 0 && !string.Equals(rows[0][OrderColumn.Name], row[OrderColumn.Name], StringComparison.Ordinal))
                {
                    if (Finish(rows, builder, split, held, file.FileName) is { } read)
                    {
                        yield return read;
                    }

                    rows = [];
                }

                rows.Add(row);
            }

            if (rows.Count > 0 && Finish(rows, builder, split, held, file.FileName) is { } last)
            {
                yield return last;
            }

            // Blocks the first pass saw and this one did not (the file was written again in between): still refused, still told.
            foreach (var (name, order) in held)
            {
                var location = $"{file.FileName} (order {name})";
                yield return new OrderRead(null, [new SourceProblem(order.OrderId ?? location,
                    CsvMessages.SplitChanged.With(("file", file.FileName), ("order", OrderBuilder.Label(name))))
                {
                    OrderId = order.OrderId, OrderNumber = name.TrimStart('#').Trim(), UpdatedAt = order.UpdatedAt,
                }], order.UpdatedAt);
            }
        }
    }

    /// <summary>A problem naming the columns an orders export must have and this file lacks; null when it has them all.</summary>
    public static SourceProblem? MissingColumns(CsvFile file)
    {
        var columns = new OrderColumns(file);
        var missing = OrderColumns.Required.Where(c => !columns.Has(c)).Select(OrderColumns.Header).ToList();
        return missing.Count == 0
            ? null
            : new SourceProblem(file.FileName, CsvMessages.OrdersColumnsMissing.With(("file", file.FileName), ("columns", CsvMessages.Columns(missing, ", "))));
    }

    /// <summary>The order of one block of rows, or null while the blocks of an order split apart are still being met.</summary>
    private static OrderRead? Finish(
        List<OrderRow> rows, OrderBuilder builder, Dictionary<string, List<(int First, int Last)>> split, Dictionary<string, SplitOrder> held,
        string fileName)
    {
        var name = rows[0][OrderColumn.Name];
        if (!split.TryGetValue(name, out var places))
        {
            return builder.Build(rows);
        }

        if (!held.TryGetValue(name, out var order))
        {
            order = new SplitOrder();
            held[name] = order;
        }

        order.Blocks++;
        var first = rows[0];
        if (first.IdKnown && first[OrderColumn.Id].Length > 0)
        {
            order.OrderId ??= first[OrderColumn.Id];
        }

        order.IdUnknown |= !first.IdKnown;

        var time = OrderFieldReader.LatestTime(first);
        order.UpdatedAt = order.UpdatedAt is { } t && (time is null || t >= time) ? t : time;
        if (order.Blocks < places.Count)
        {
            return null;
        }

        held.Remove(name);
        var number = OrderBuilder.Number(first);
        var orderId = order.OrderId ?? (order.IdUnknown ? null : number);
        // Each place named on its own ("lines 3-4 and line 6"), so a merchant can search the file for any of them.
        var ranges = places.Select(p => (MessageArg)(p.First == p.Last
            ? CsvMessages.SplitLine.With(("line", p.First))
            : CsvMessages.SplitLines.With(("first", p.First), ("last", p.Last)))).ToList();
        var at = CsvMessages.SplitPlaces.With(("file", fileName), ("places", MessageArg.List(ranges[..^1], ", ")), ("last", ranges[^1]));
        var message = CsvMessages.Split.With(("at", at), ("order", OrderBuilder.Label(name)), ("count", places.Count));
        return new OrderRead(null, [new SourceProblem(orderId ?? at.Text, message) { OrderId = orderId, OrderNumber = number, UpdatedAt = order.UpdatedAt }], order.UpdatedAt);
    }

    /// <summary>
    /// The names of orders whose rows are in more than one block of the file, with the lines of each block. Rows without a Name
    /// do not end a block (the main pass reports them apart), so both passes see the same blocks.
    /// </summary>
    private static async Task<Dictionary<string, List<(int First, int Last)>>> SplitOrdersAsync(string path, CancellationToken cancellationToken)
    {
        var split = new Dictionary<string, List<(int First, int Last)>>(StringComparer.Ordinal);
        var (file, _) = await CsvFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return split;
        }

        using (file)
        {
            var nameColumn = new OrderColumns(file).Ordinal(OrderColumn.Name);
            if (nameColumn < 0)
            {
                return split;
            }

            var firstBlocks = new Dictionary<string, (int First, int Last)>(StringComparer.Ordinal);
            string? name = null;
            (int First, int Last) block = default;
            void End()
            {
                if (name is null)
                {
                    return;
                }

                if (split.TryGetValue(name, out var places))
                {
                    places.Add(block);
                }
                else if (!firstBlocks.TryAdd(name, block))
                {
                    split[name] = [firstBlocks[name], block];
                }
            }

            while (await file.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var rowName = file.Get(nameColumn);
                if (rowName.Length == 0)
                {
                    continue;
                }

                if (string.Equals(rowName, name, StringComparison.Ordinal))
                {
                    block.Last = file.LastLine;
                    continue;
                }

                End();
                name = rowName;
                block = (file.FirstLine, file.LastLine);
            }

            End();
        }

        return split;
    }

    /// <summary>What is known of an order split apart, while its blocks are met.</summary>
    private sealed class SplitOrder
    {
        public int Blocks { get; set; }

        /// <summary>The Id of the first block's first row that has one.</summary>
        public string? OrderId { get; set; }

        /// <summary>Some block starts with a broken row whose Id cannot be read.</summary>
        public bool IdUnknown { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }
    }
}
