using StoreBooks.Core.Messages;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv.Orders;

/// <summary>The columns of Shopify's orders export that StoreBooks reads, by header name.</summary>
internal enum OrderColumn
{
    Name, Email, FinancialStatus, PaidAt, Currency, Subtotal, Shipping, Taxes, Total, DiscountCode, DiscountAmount, ShippingMethod,
    CreatedAt, LineQuantity, LineName, LinePrice, LineSku, LineTaxable, LineDiscount,
    BillingName, BillingStreet, BillingAddress1, BillingAddress2, BillingCompany, BillingCity, BillingZip, BillingProvince, BillingCountry, BillingPhone,
    ShippingName, ShippingStreet, ShippingAddress1, ShippingAddress2, ShippingCompany, ShippingCity, ShippingZip, ShippingProvince, ShippingCountry, ShippingPhone,
    Notes, CancelledAt, PaymentMethod, RefundedAmount, OutstandingBalance, Id, Tags, Source,
    Tax1Name, Tax1Value, Tax2Name, Tax2Value, Tax3Name, Tax3Value, Tax4Name, Tax4Value, Tax5Name, Tax5Value, Phone, GiftCard, Duties,
}

/// <summary>Where each <see cref="OrderColumn"/> is in one file (-1 when that export has no such column).</summary>
internal sealed class OrderColumns
{
    /// <summary>Columns every orders export has had; without them the file cannot be read.</summary>
    public static readonly OrderColumn[] Required =
    [
        OrderColumn.Name, OrderColumn.FinancialStatus, OrderColumn.Currency, OrderColumn.Total, OrderColumn.CreatedAt,
        OrderColumn.LineQuantity, OrderColumn.LineName, OrderColumn.LinePrice,
    ];

    private static readonly string[] Headers =
    [
        "Name", "Email", "Financial Status", "Paid at", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
        "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku", "Lineitem taxable", "Lineitem discount",
        "Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip", "Billing Province", "Billing Country", "Billing Phone",
        "Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone",
        "Notes", "Cancelled at", "Payment Method", "Refunded Amount", "Outstanding Balance", "Id", "Tags", "Source",
        "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value", "Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Gift Card", "Duties",
    ];

    private readonly int[] _ordinals;

    public OrderColumns(CsvFile file)
    {
        _ordinals = Headers.Select(file.Ordinal).ToArray();
    }

    public static int Count => Headers.Length;

    public static string Header(OrderColumn column) => Headers[(int)column];

    public int Ordinal(OrderColumn column) => _ordinals[(int)column];

    public bool Has(OrderColumn column) => _ordinals[(int)column] >= 0;
}

/// <summary>
/// One record of the orders export: the fields StoreBooks reads, as text, with the physical lines it spans. A record whose CSV
/// is broken keeps its Name (to tell its order) and only the values that were read exactly; the others are empty.
/// </summary>
internal sealed class OrderRow
{
    private readonly string[] _values;

    public OrderRow(CsvFile file, OrderColumns columns)
    {
        FirstLine = file.FirstLine;
        LastLine = file.LastLine;
        Location = file.Location;
        Place = file.Place;
        Fault = file.Fault;
        FaultMessage = file.FaultMessage;
        _values = new string[OrderColumns.Count];
        for (var i = 0; i < _values.Length; i++)
        {
            var ordinal = columns.Ordinal((OrderColumn)i);
            _values[i] = (OrderColumn)i == OrderColumn.Name || file.IsExact(ordinal) ? file.Get(ordinal) : string.Empty;
        }

        IdKnown = !columns.Has(OrderColumn.Id) || file.IsExact(columns.Ordinal(OrderColumn.Id));
    }

    public int FirstLine { get; }

    public int LastLine { get; }

    /// <summary>"orders.csv line 5", "orders.csv lines 5-7".</summary>
    public string Location { get; }

    /// <summary><see cref="Location"/> as a message.</summary>
    public SyncMessage Place { get; }

    /// <summary>What is wrong with the record's CSV itself; <see cref="CsvFault.None"/> when it is well formed.</summary>
    public CsvFault Fault { get; }

    public SyncMessage FaultMessage { get; }

    /// <summary>The order's id can be told from this record: the export has no Id column, or the Id was read exactly.</summary>
    public bool IdKnown { get; }

    public string this[OrderColumn column] => _values[(int)column];
}
