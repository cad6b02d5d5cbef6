namespace StoreBooks.Csv.Tests.Orders;

/// <summary>Rows of Shopify's orders export for tests: the current 79-column header, and rows with sensible defaults.</summary>
public static class ShopifyOrders
{
    public static readonly string[] Header =
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
            .Split(',');

    /// <summary>An export from before 2013: it stops at "Cancelled at".</summary>
    public static readonly string[] OldHeader = Header[..(Array.IndexOf(Header, "Cancelled at") + 1)];

    /// <summary>The first row of an order: order columns filled (paid, CAD, a Québec buyer), then <paramref name="values"/> over them.</summary>
    public static Dictionary<string, string> First(string name, params (string Column, string Value)[] values)
    {
        var row = new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Email"] = "Marie.Tremblay@example.com",
            ["Financial Status"] = "paid",
            ["Paid at"] = "2025-10-02 17:09:40 -0400",
            ["Fulfillment Status"] = "fulfilled",
            ["Currency"] = "CAD",
            ["Shipping"] = "0.00",
            ["Taxes"] = "0.00",
            ["Discount Amount"] = "0.00",
            ["Created at"] = "2025-10-02 17:09:34 -0400",
            ["Billing Name"] = "Marie Tremblay",
            ["Billing Address1"] = "4521 Rue Saint-Denis",
            ["Billing City"] = "Montréal",
            ["Billing Zip"] = "H2J 2L2",
            ["Billing Province"] = "QC",
            ["Billing Country"] = "CA",
            ["Shipping Name"] = "Marie Tremblay",
            ["Shipping Address1"] = "4521 Rue Saint-Denis",
            ["Shipping City"] = "Montréal",
            ["Shipping Zip"] = "H2J 2L2",
            ["Shipping Province"] = "QC",
            ["Shipping Country"] = "CA",
            ["Payment Method"] = "Shopify Payments",
            ["Refunded Amount"] = "0.00",
            ["Outstanding Balance"] = "0.00",
            ["Id"] = "62014530" + name.TrimStart('#'),
            ["Source"] = "web",
            ["Lineitem taxable"] = "true",
        };
        foreach (var (column, value) in values)
        {
            row[column] = value;
        }

        return row;
    }

    /// <summary>A following row of an order: only the line item columns.</summary>
    public static Dictionary<string, string> Line(string name, string quantity, string title, string price, string sku = "", string taxable = "true", string discount = "")
    {
        return new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Lineitem quantity"] = quantity,
            ["Lineitem name"] = title,
            ["Lineitem price"] = price,
            ["Lineitem sku"] = sku,
            ["Lineitem taxable"] = taxable,
            ["Lineitem discount"] = discount,
        };
    }

    /// <summary>A one-line paid order of <paramref name="price"/>, no tax, no shipping.</summary>
    public static Dictionary<string, string> Simple(string name, string price = "10.00", string created = "2025-10-02 17:09:34 -0400", params (string Column, string Value)[] values)
    {
        var row = First(name,
            ("Created at", created), ("Paid at", created), ("Subtotal", price), ("Total", price),
            ("Lineitem quantity", "1"), ("Lineitem name", "Field Notebook"), ("Lineitem price", price), ("Lineitem sku", "MLG-NB"));
        foreach (var (column, value) in values)
        {
            row[column] = value;
        }

        return row;
    }
}
