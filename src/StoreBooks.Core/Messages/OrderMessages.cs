namespace StoreBooks.Core.Messages;

/// <summary>What is wrong with an order's own data (<see cref="Sales.OrderCheck"/>), and how orders and their lines are named.</summary>
public static class OrderMessages
{
    public static readonly MessageTemplate Reference = new("order.ref", "order #{number}");

    public static readonly MessageTemplate LineReference = new("order.line.ref", "{order}, line {position} ({parts})");

    public static readonly MessageTemplate LineSku = new("order.line.sku", "SKU {sku}");

    public static readonly MessageTemplate NoLines = new("order.no-lines", "{order} has no product lines; there is nothing to post.");

    public static readonly MessageTemplate QuantityNotPositive = new("order.line.quantity",
        "{at}: quantity {quantity} must be more than 0. Correct the order in the store; returns are synced as refunds.");

    public static readonly MessageTemplate NegativePrice = new("order.line.negative-price",
        "{at}: unit price {price} is negative. Use a discount for a price reduction.");

    public static readonly MessageTemplate PriceNotCents = new("order.line.price-decimals",
        "{at}: unit price {price} has more than 2 decimals, so {quantity} × {price} = {amount} is not an amount in cents. Round the price in the store.");

    public static readonly MessageTemplate DiscountOutside = new("order.line.discount",
        "{at}: discount {discount} is outside 0 to the line's amount {amount}.");

    public static readonly MessageTemplate TaxNotCents = new("order.line.tax-cents",
        "{at}: tax {tax} of {amount} is not an amount in cents.");

    public static readonly MessageTemplate NoSku = new("order.line.no-sku",
        "{at}: the product has no SKU, and products are matched on SKU. Give it a SKU in the store, " +
        "or let products without a SKU match on their name (products.withoutSku = MatchByName).");

    public static readonly MessageTemplate TotalMismatch = new("order.total",
        "{order}: its total {total} does not equal lines {lines} − discounts {discounts} + shipping {shipping} + fees {fees}{duties} + {tax} = {expected}. " +
        "Nothing was posted: check the order in the store.");

    public static readonly MessageTemplate TotalDuties = new("order.total.duties", " + duties {duties}");

    public static readonly MessageTemplate TotalTaxIncluded = new("order.total.tax-included", "tips {tips} (tax {tax} included)");

    public static readonly MessageTemplate TotalTaxAdded = new("order.total.tax-added", "tax {tax} + tips {tips}");

    public static readonly MessageTemplate LinesMismatch = new("order.lines-sum",
        "{order}: its lines add up to {sum}, not the {reported} the store reports.");

    public static readonly MessageTemplate TaxesMismatch = new("order.taxes-sum",
        "{order}: its taxes by line add up to {sum}, not the {reported} tax the store reports.");

    public static readonly MessageTemplate DiscountsMismatch = new("order.discounts-sum",
        "{order}: its discounts by line add up to {sum}, not the {reported} the store reports.");

    public static readonly MessageTemplate FeesMismatch = new("order.fees-sum",
        "{order}: its fees one by one add up to {sum}, not the {reported} the store reports.");

    public static readonly MessageTemplate DutiesMismatch = new("order.duties-sum",
        "{order}: its duties one by one add up to {sum}, not the {reported} the store reports.");

    public static readonly MessageTemplate ShippingDiscountOutside = new("order.shipping-discount",
        "{order}: the shipping discount {discount} on \"{title}\" is outside 0 to its price {price}.");

    public static readonly MessageTemplate CurrencyNotCode = new("order.currency.invalid",
        "{order}: its currency \"{currency}\" is not a currency code (such as CAD, USD or EUR). Nothing was posted: correct the order's currency in the store.");

    public static readonly MessageTemplate CurrencyNotHome = new("order.currency.not-home",
        "{order}: it is in {currency}, but this QuickBooks company keeps its books in {home} and has multicurrency turned off. " +
        "Nothing was posted: turn on multicurrency in QuickBooks (Account and settings > Advanced > Currency), then run storebooks retry.");

    public static readonly MessageTemplate Line = new("order.line.short", "line {position}");

    public static readonly MessageTemplate LineFrom = new("order.line.short-origin", "line {position} ({origin})");

    public static readonly MessageTemplate LineProblem = new("order.line.problem", "{order}, {line}: {problem}");

    public static readonly MessageTemplate RecordRefused = new("order.record-refused", "{order}: QuickBooks refused a record it needs: {detail}");

    public static readonly MessageTemplate Throttled = new("order.throttled",
        "{order}: QuickBooks is limiting requests to this company for now (too many in a minute); the next run finishes it. {detail}");

    public static readonly MessageTemplate Unreachable = new("order.unreachable",
        "{order}: QuickBooks could not be reached or failed; the next run finishes it. {detail}");

    public static readonly MessageTemplate RefundProblem = new("order.refund.problem", "{order}, refund {refund}: {problem}");

    public static readonly MessageTemplate NotPaid = new("order.not-due.pending",
        "not paid yet (pending: a bank deposit, cash on delivery or a payment not captured); it syncs once the store records the payment, " +
        "or add Pending to sales.statuses to post unpaid orders as invoices");

    public static readonly MessageTemplate NotCaptured = new("order.not-due.authorized", "payment authorized but not captured yet; it syncs once the store captures it");

    public static readonly MessageTemplate PartlyPaid = new("order.not-due.partly-paid",
        "partly paid; it syncs once paid in full, or add PartiallyPaid to sales.statuses to post it as an invoice now");

    public static readonly MessageTemplate StatusNotSynced = new("order.not-due.status", "{status} is not a status this connection syncs (sales.statuses)");

    public static readonly MessageTemplate BeforeStart = new("order.skipped.before-start", "placed before the sync start date {date}");

    public static readonly MessageTemplate TestOrder = new("order.skipped.test", "a test order");

    public static readonly MessageTemplate CancelledNothingKept = new("order.skipped.cancelled", "cancelled before it was posted, with no money kept");

    public static readonly MessageTemplate Voided = new("order.skipped.voided", "its payment was voided, so no money was taken");
}
