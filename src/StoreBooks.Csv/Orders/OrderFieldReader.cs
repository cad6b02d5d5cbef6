using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Products;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv.Orders;

/// <summary>
/// Reads the values of one order's rows, collecting what a merchant must fix, in the order to fix it. The order's problems
/// come out as one <see cref="SourceProblem"/> tied to the order (its id when it can be told, its number, its time): the first
/// thing to fix leads the message, the other values that cannot be read follow it.
/// </summary>
internal sealed class OrderFieldReader(ProductIndex products, string? orderId, string number, SyncMessage label)
{
    private readonly List<(SyncMessage Location, SyncMessage Message)> _problems = [];

    public bool Failed => _problems.Count > 0;

    public DateTimeOffset? UpdatedAt { get; set; }

    public void Fail(OrderRow row, SyncMessage message) => Fail(row.Place, message);

    public void Fail(SyncMessage location, SyncMessage message) => _problems.Add((location, message));

    public OrderRead Result(StoreOrder? order) => new(order, _problems.Count == 0 ? [] : [Problem()], UpdatedAt);

    /// <summary>The latest of the first row's Created at, Paid at and Cancelled at that can be read, without reporting any.</summary>
    public static DateTimeOffset? LatestTime(OrderRow first) =>
        new[] { OrderColumn.CreatedAt, OrderColumn.PaidAt, OrderColumn.CancelledAt }
            .Select(c => CsvValues.TryTime(first[c], out var time) ? time : (DateTimeOffset?)null)
            .Max();

    private SourceProblem Problem()
    {
        var (location, message) = _problems[0];
        var also = _problems.Skip(1).Select(p => (MessageArg)CsvMessages.OrderAlso.With(("at", p.Location), ("problem", p.Message)));
        var problem = CsvMessages.OrderProblem.With(("at", location), ("order", label), ("problem", message), ("also", MessageArg.List(also, "")));
        return new SourceProblem(orderId ?? location.Text, problem) { OrderId = orderId, OrderNumber = number, UpdatedAt = UpdatedAt };
    }

    public decimal? Money(OrderRow row, OrderColumn column, bool required)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            if (required)
            {
                Fail(row, CsvMessages.Empty.With(("column", OrderColumns.Header(column))));
            }

            return null;
        }

        if (CsvValues.TryMoney(text, out var value))
        {
            return value;
        }

        Fail(row, CsvMessages.NotNumber.With(("column", OrderColumns.Header(column)), ("text", text), ("example", "12.50")));
        return null;
    }

    public DateTimeOffset? Time(OrderRow row, OrderColumn column, bool required)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            if (required)
            {
                Fail(row, CsvMessages.Empty.With(("column", OrderColumns.Header(column))));
            }

            return null;
        }

        if (CsvValues.TryTime(text, out var value))
        {
            return value;
        }

        Fail(row, CsvMessages.NotTime.With(("column", OrderColumns.Header(column)), ("text", text), ("example", CsvValues.TimeExample)));
        return null;
    }

    /// <summary>The order's currency as an ISO 4217 code in capitals; a problem when it is empty or not such a code.</summary>
    public string Currency(OrderRow row)
    {
        var text = row[OrderColumn.Currency];
        var code = text.ToUpperInvariant();
        if (text.Length == 0)
        {
            Fail(row, CsvMessages.Empty.With(("column", "Currency")));
        }
        else if (!CurrencyCodes.IsIso4217(code))
        {
            Fail(row, CsvMessages.CurrencyNotCode.With(("text", text)));
        }

        return code;
    }

    public FinancialStatus? Status(OrderRow row)
    {
        var text = row[OrderColumn.FinancialStatus];
        FinancialStatus? status = text.ToLowerInvariant().Replace(' ', '_') switch
        {
            "pending" => FinancialStatus.Pending,
            "authorized" => FinancialStatus.Authorized,
            "partially_paid" => FinancialStatus.PartiallyPaid,
            "paid" => FinancialStatus.Paid,
            "partially_refunded" => FinancialStatus.PartiallyRefunded,
            "refunded" => FinancialStatus.Refunded,
            "voided" or "expired" => FinancialStatus.Voided,
            _ => null,
        };
        if (status is null)
        {
            Fail(row, text.Length == 0
                ? CsvMessages.Empty.With(("column", "Financial Status"))
                : CsvMessages.StatusUnknown.With(("text", text)));
        }

        return status;
    }

    public List<StoreTax> TaxColumns(OrderRow row)
    {
        var taxes = new List<StoreTax>();
        for (var n = 0; n < 5; n++)
        {
            var nameColumn = OrderColumn.Tax1Name + (2 * n);
            var valueColumn = nameColumn + 1;
            if (row[nameColumn].Length == 0 && row[valueColumn].Length == 0)
            {
                continue;
            }

            var amount = Money(row, valueColumn, required: true);
            if (amount is { } value && value != 0m)
            {
                var (name, rate) = TaxName.Parse(row[nameColumn].Length > 0 ? row[nameColumn] : $"Tax {n + 1}");
                taxes.Add(new StoreTax(name, rate, value));
            }
        }

        return taxes;
    }

    public LineRead Line(OrderRow row, int position)
    {
        var quantity = Money(row, OrderColumn.LineQuantity, required: true) ?? 0m;
        var price = Money(row, OrderColumn.LinePrice, required: true) ?? 0m;
        var discount = Money(row, OrderColumn.LineDiscount, required: false) ?? 0m;
        var name = row[OrderColumn.LineName];
        if (name.Length == 0)
        {
            Fail(row, CsvMessages.LineNameEmpty.With(("position", position)));
        }

        var taxable = true;
        var taxableText = row[OrderColumn.LineTaxable];
        if (taxableText.Length > 0 && !CsvValues.TryBoolean(taxableText, out taxable))
        {
            Fail(row, CsvMessages.NotBoolean.With(("column", "Lineitem taxable"), ("text", taxableText)));
        }

        var giftCard = false;
        var giftCardText = row[OrderColumn.GiftCard];
        if (giftCardText.Length > 0 && !CsvValues.TryBoolean(giftCardText, out giftCard))
        {
            Fail(row, CsvMessages.NotBoolean.With(("column", "Gift Card"), ("text", giftCardText)));
        }

        var sku = row[OrderColumn.LineSku];
        var skuOrNull = sku.Length == 0 ? null : sku;
        return new LineRead(row, name, skuOrNull, quantity, price, discount, taxable, giftCard, products.Find(skuOrNull, name));
    }
}

/// <summary>One line as read, before discounts and taxes are spread.</summary>
internal sealed record LineRead(
    OrderRow Row, string Name, string? Sku, decimal Quantity, decimal UnitPrice, decimal OwnDiscount, bool Taxable, bool IsGiftCard, StoreProduct? Product);
