using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Products;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv.Orders;

/// <summary>Reads the values of one order's rows, collecting a problem a merchant can act on for each value that cannot be read.</summary>
internal sealed class OrderFieldReader(string fileName, ProductIndex products, string sourceId, string label)
{
    private readonly List<SourceProblem> _problems = [];

    public bool Failed => _problems.Count > 0;

    public DateTimeOffset? UpdatedAt { get; set; }

    public void Fail(int row, string message) => Fail($"{fileName} row {row}", message);

    public void Fail(string location, string message) => _problems.Add(new SourceProblem(sourceId, $"{location} ({label}): {message}."));

    public OrderRead Result(StoreOrder? order) => new(order, _problems, UpdatedAt);

    public decimal? Money(OrderRow row, OrderColumn column, bool required)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            if (required)
            {
                Fail(row.Row, $"{OrderColumns.Header(column)} is empty");
            }

            return null;
        }

        if (CsvValues.TryMoney(text, out var value))
        {
            return value;
        }

        Fail(row.Row, $"{OrderColumns.Header(column)} \"{text}\" is not a number (write it like 12.50)");
        return null;
    }

    public DateTimeOffset? Time(OrderRow row, OrderColumn column, bool required)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            if (required)
            {
                Fail(row.Row, $"{OrderColumns.Header(column)} is empty");
            }

            return null;
        }

        if (CsvValues.TryTime(text, out var value))
        {
            return value;
        }

        Fail(row.Row, $"{OrderColumns.Header(column)} \"{text}\" is not a date and time like {CsvValues.TimeExample}");
        return null;
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
            Fail(row.Row, text.Length == 0
                ? "Financial Status is empty"
                : $"Financial Status \"{text}\" is not one StoreBooks knows (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided, expired)");
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
            Fail(row.Row, $"Lineitem name of line {position} is empty");
        }

        var taxable = true;
        var taxableText = row[OrderColumn.LineTaxable];
        if (taxableText.Length > 0 && !CsvValues.TryBoolean(taxableText, out taxable))
        {
            Fail(row.Row, $"Lineitem taxable \"{taxableText}\" is not true or false");
        }

        var sku = row[OrderColumn.LineSku];
        var skuOrNull = sku.Length == 0 ? null : sku;
        return new LineRead(name, skuOrNull, quantity, price, discount, taxable, products.Find(skuOrNull, name));
    }
}

/// <summary>One line as read, before discounts and taxes are spread.</summary>
internal sealed record LineRead(string Name, string? Sku, decimal Quantity, decimal UnitPrice, decimal OwnDiscount, bool Taxable, StoreProduct? Product);
