namespace StoreBooks.Core.Messages;

/// <summary>
/// What a CSV export (Shopify's orders, products and payment transactions exports) cannot give: a file that does not open, a row
/// whose CSV is broken, a value that is not a number or a date, figures that do not add up. Places are named as the file has
/// them ("orders.csv line 14"), so the merchant can find the row.
/// </summary>
public static class CsvMessages
{
    public static readonly MessageTemplate Line = new("csv.line", "{file} line {line}");

    public static readonly MessageTemplate Lines = new("csv.lines", "{file} lines {first}-{last}");

    public static readonly MessageTemplate FileMissing = new("csv.file.missing",
        "The CSV file {path} does not exist. Check the path, or export the file again from the store.");

    public static readonly MessageTemplate FileEmpty = new("csv.file.empty", "{file} is empty. Export the file again from Shopify.");

    public static readonly MessageTemplate FileBinary = new("csv.file.binary",
        "{file} is not a CSV text file (it holds binary data, like a zip archive or an image renamed .csv). " +
        "Export the file again from Shopify and give StoreBooks the .csv file itself (unzip it first if it came as a .zip).");

    public static readonly MessageTemplate FileHeader = new("csv.file.header",
        "{at}: the header row cannot be read ({fault}). Export the file again from Shopify.");

    public static readonly MessageTemplate FileUnreadable = new("csv.file.unreadable",
        "{path} cannot be read ({detail}). If it is open in a spreadsheet program, close it and try again.");

    public static readonly MessageTemplate UnclosedQuote = new("csv.fault.unclosed-quote",
        "a value opens with a quote (\") that is never closed, so the line cannot be read; close the quote or remove it");

    public static readonly MessageTemplate TextAfterQuote = new("csv.fault.text-after-quote",
        "a value in quotes is followed by more text before the next comma; a quote inside a value must be written twice (\"\")");

    public static readonly MessageTemplate TooFewFields = new("csv.fault.too-few",
        "the row has {fields} of the {columns} columns the header names; it may have been cut short or edited");

    public static readonly MessageTemplate TooManyFields = new("csv.fault.too-many",
        "the row has {fields} fields but the header names {columns} columns; a value with a comma must be in quotes");

    public static readonly MessageTemplate WellFormed = new("csv.fault.none", "the line is well formed");

    public static readonly MessageTemplate Quoted = new("csv.quoted", "\"{name}\"");

    public static readonly MessageTemplate Either = new("csv.either", "{first} or {second}");

    public static readonly MessageTemplate ExportMissing = new("csv.export.missing", "The {what} file {path} does not exist.");

    public static readonly MessageTemplate Products = new("csv.export.products", "products");

    public static readonly MessageTemplate Orders = new("csv.export.orders", "orders");

    public static readonly MessageTemplate Payouts = new("csv.export.payouts", "payouts");

    public static readonly MessageTemplate OrdersColumnsMissing = new("csv.orders.columns-missing",
        "{file} has no {columns} column, so it is not a Shopify orders export. Export the orders again from Shopify (Orders → Export).");

    public static readonly MessageTemplate ProductsColumnsMissing = new("csv.products.columns-missing",
        "{file} has no {columns} column, so it is not a Shopify product export. Export the products again from Shopify (Products → Export).");

    public static readonly MessageTemplate PayoutsColumnsMissing = new("csv.payouts.columns-missing",
        "{file} has no {columns} column(s): it is not Shopify's payment transactions export " +
        "(Finance → Payouts → Export transactions, as a CSV file).");

    // Orders.
    public static readonly MessageTemplate RowNoName = new("csv.order.row.no-name",
        "{at}: Name is empty; every row of an orders export needs its order's name (#1001).");

    public static readonly MessageTemplate RowBrokenNoName = new("csv.order.row.broken", "{at}: {fault}; its order cannot be told.");

    public static readonly MessageTemplate OrderName = new("csv.order.name", "order {name}");

    public static readonly MessageTemplate OrderProblem = new("csv.order.problem", "{at} ({order}): {problem}.{also}");

    public static readonly MessageTemplate OrderAlso = new("csv.order.also", " Also {at}: {problem}.");

    public static readonly MessageTemplate NothingRead = new("csv.order.nothing-read", "{fault}. Nothing of the order was read");

    public static readonly MessageTemplate Empty = new("csv.value.empty", "{column} is empty");

    public static readonly MessageTemplate NotNumber = new("csv.value.not-number", "{column} \"{text}\" is not a number (write it like {example})");

    public static readonly MessageTemplate NotTime = new("csv.value.not-time", "{column} \"{text}\" is not a date and time like {example}");

    public static readonly MessageTemplate NotBoolean = new("csv.value.not-boolean", "{column} \"{text}\" is not true or false");

    public static readonly MessageTemplate CurrencyNotCode = new("csv.order.currency",
        "Currency \"{text}\" is not a three-letter ISO 4217 currency code (like CAD, USD or EUR), so no amount of the order can be posted");

    public static readonly MessageTemplate StatusUnknown = new("csv.order.status",
        "Financial Status \"{text}\" is not one StoreBooks knows (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided, expired)");

    public static readonly MessageTemplate LineNameEmpty = new("csv.order.line.name-empty", "Lineitem name of line {position} is empty");

    public static readonly MessageTemplate OrderColumnsEmpty = new("csv.order.columns-empty",
        "Financial Status, Currency, Total and Created at are empty: an order's rows must be together, the first one with the order's columns");

    public static readonly MessageTemplate Negative = new("csv.order.negative",
        "Discount Amount, Refunded Amount, Shipping and Duties must not be negative");

    public static readonly MessageTemplate LineDiscountOutside = new("csv.order.line.discount",
        "line {position} ({name}): Lineitem discount {discount} is outside 0 to the line's {quantity} × {price} = {amount}");

    public static readonly MessageTemplate LineDiscountsOver = new("csv.order.line-discounts",
        "Lineitem discounts add up to {sum}, more than the order's Discount Amount of {discount}");

    public static readonly MessageTemplate DiscountNothing = new("csv.order.discount-nothing",
        "Discount Amount is {discount} but the lines add up to nothing to discount");

    public static readonly MessageTemplate Subtotal = new("csv.order.subtotal",
        "Subtotal {subtotal} is not lines {lines} - discounts {discounts} = {expected}; the order was not read");

    public static readonly MessageTemplate TaxColumns = new("csv.order.tax-columns", "Tax 1-5 Values add up to {sum} but Taxes is {taxes}");

    public static readonly MessageTemplate Total = new("csv.order.total",
        "lines {lines} - discounts {discounts} + shipping {shipping}{duties} + taxes {taxes} = {sum}, but Total is {total}; " +
        "the order was not read so that no wrong sale is posted. Check the order in Shopify, then export it again");

    public static readonly MessageTemplate TotalDuties = new("csv.order.total.duties", " + duties {duties}");

    public static readonly MessageTemplate TaxNowhere = new("csv.order.tax-nowhere",
        "{tax} of {amount} was charged, but no line is taxable and there is no shipping to charge it on");

    public static readonly MessageTemplate RefundOver = new("csv.order.refund-over", "Refunded Amount {refunded} is more than the {received} paid for it");

    public static readonly MessageTemplate SplitLine = new("csv.order.split.line", "line {line}");

    public static readonly MessageTemplate SplitLines = new("csv.order.split.lines", "lines {first}-{last}");

    public static readonly MessageTemplate SplitPlaces = new("csv.order.split.places", "{file} {places} and {last}");

    public static readonly MessageTemplate Split = new("csv.order.split",
        "{at} ({order}): the order's rows are in {count} places of the file, with other orders between them; " +
        "an order's rows must be one after the other. Nothing of it was read, so that no part of it is posted twice or alone: " +
        "export the orders again from Shopify, or put its rows together.");

    public static readonly MessageTemplate SplitChanged = new("csv.order.split.changed",
        "{file} ({order}): the order's rows are in several places of the file, with other orders between them; an order's rows must be one after the other. " +
        "Nothing of it was read: export the orders again from Shopify, or put its rows together.");

    // Products.
    public static readonly MessageTemplate ProductHandle = new("csv.product.handle", " (product {handle})");

    public static readonly MessageTemplate ProductRowBroken = new("csv.product.row.broken", "{at}{which}: {fault}. The row was not read.");

    public static readonly MessageTemplate ProductNoHandle = new("csv.product.no-handle",
        "{at}: Handle is empty; every row of a product export needs its product's handle.");

    public static readonly MessageTemplate Product = new("csv.product.name", "product {title}");

    public static readonly MessageTemplate ProductVariant = new("csv.product.variant-name", "product {title} - {variant}");

    public static readonly MessageTemplate ProductProblem = new("csv.product.problem", "{at} ({product}): {problem}.");

    public static readonly MessageTemplate ProductNoTitle = new("csv.product.no-title",
        "Title is empty on the first row of handle \"{handle}\"; rows of one product must be together, the first with its Title");

    public static readonly MessageTemplate ProductVariantTwice = new("csv.product.variant-twice", "variant \"{variant}\" appears twice for handle \"{handle}\"");

    public static readonly MessageTemplate PriceNegative = new("csv.product.price-negative", "Variant Price {price} is negative");

    public static readonly MessageTemplate ProductNoPrice = new("csv.product.no-price",
        "{at} ({product}): {why}; the product was read without a price, so its QuickBooks item gets none from the store. " +
        "Set the price in Shopify, then export the products again.");

    // Payouts.
    public static readonly MessageTemplate PayoutLine = new("csv.payout.line", "line {line}");

    public static readonly MessageTemplate PayoutRowProblem = new("csv.payout.row", "{at}: {problem}");

    public static readonly MessageTemplate PayoutAmounts = new("csv.payout.amounts",
        "Amount \"{amount}\", Fee \"{fee}\" and Net \"{net}\" must be amounts such as 12.50");

    public static readonly MessageTemplate PayoutDate = new("csv.payout.date", "Payout Date \"{date}\" is not a date such as 2025-10-07");

    public static readonly MessageTemplate PayoutCurrencies = new("csv.payout.currencies", "its rows are in several currencies ({currencies})");

    public static readonly MessageTemplate PayoutProblem = new("csv.payout.problem",
        "{file}, payout {id}: {problems}. The payout is not read until the export is corrected.");

    /// <summary>An amount as the exports' messages write it: 12.50.</summary>
    public static MessageArg Money(decimal value) => MessageArg.Number(value, "0.00##");

    /// <summary>A list of column names, each in quotes: "Name", "Total".</summary>
    public static MessageArg Columns(IEnumerable<string> names, string separator) =>
        MessageArg.List(names.Select(n => (MessageArg)Quoted.With(("name", n))), separator);
}
