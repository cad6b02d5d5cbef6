namespace StoreBooks.Shopify.Orders;

/// <summary>
/// The GraphQL Admin API documents that read orders: every field <see cref="ShopifyOrderMapper"/> needs (the REST order and
/// its transactions), written by hand, with the sizes of the nested connections as variables so that the requested cost can
/// be computed here exactly as Shopify computes it (objects 1, connections 2 + first × node, scalars and enums 0).
/// </summary>
internal static class OrderQueries
{
    /// <summary>Nested page sizes: a page of orders takes these; an order with more is read again alone with <see cref="Whole"/>.</summary>
    public sealed record Nested(int Lines, int Shipping, int RefundItems)
    {
        /// <summary>What one order node costs: 40 for itself, its objects, lists, money and the 2 of each nested connection, plus the connections' nodes.</summary>
        public int OrderCost => 40 + (Shipping * 11) + (Lines * LineCost) + (RefundItems * 22);
    }

    /// <summary>A line item node: itself, 2 money bags, variant, product, discount allocations, tax lines and duties.</summary>
    public const int LineCost = 19;

    public static readonly Nested InPage = new(Lines: 4, Shipping: 1, RefundItems: 2);

    public static readonly Nested Whole = new(Lines: 30, Shipping: 10, RefundItems: 10);

    /// <summary>Line items of one order past a cursor, 50 at a time.</summary>
    public const int MoreLinesFirst = 50;

    public static int OrdersCost(int first, Nested nested) => 2 + (first * nested.OrderCost);

    public static int OrderCost(Nested nested) => nested.OrderCost;

    public static int MoreLinesCost => 1 + 2 + (MoreLinesFirst * LineCost);

    private const string MoneyPart = "fragment SbMoney on MoneyBag { shopMoney { amount currencyCode } }\n";

    private const string TaxPart = "fragment SbTax on TaxLine { title rate priceSet { ...SbMoney } }\n";

    private const string AddressPart = "fragment SbAddress on MailingAddress { firstName lastName name company address1 address2 city province provinceCode zip country countryCodeV2 phone }\n";

    private const string TransactionPart = """
        fragment SbTransaction on OrderTransaction {
          id kind status gateway test processedAt createdAt
          amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
          parentTransaction { id }
        }

        """;

    private const string LinePart = """
        fragment SbLine on LineItem {
          id title name variantTitle sku quantity taxable isGiftCard
          originalUnitPriceSet { ...SbMoney }
          totalDiscountSet { ...SbMoney }
          variant { legacyResourceId }
          product { legacyResourceId }
          discountAllocations { allocatedAmountSet { ...SbMoney } }
          taxLines { ...SbTax }
          duties { harmonizedSystemCode countryCodeOfOrigin price { ...SbMoney } taxLines { ...SbTax } }
        }

        """;

    /// <summary>
    /// The fragments of an order's parts: money, taxes, addresses, transactions, line items. Each query takes only the fragments it
    /// spreads (GraphQL refuses a document with an unused fragment).
    /// </summary>
    private const string Parts = MoneyPart + TaxPart + AddressPart + TransactionPart + LinePart;

    /// <summary>An order's own fields, its objects and its lists: everything but its connections.</summary>
    private const string OrderScalars = """
          id legacyResourceId name number createdAt updatedAt processedAt cancelledAt test taxesIncluded currencyCode
          displayFinancialStatus email phone note discountCodes
          customer { legacyResourceId email firstName lastName phone updatedAt defaultAddress { ...SbAddress } }
          billingAddress { ...SbAddress }
          shippingAddress { ...SbAddress }
          totalPriceSet { ...SbMoney }
          totalTaxSet { ...SbMoney }
          totalDiscountsSet { ...SbMoney }
          totalShippingPriceSet { ...SbMoney }
          totalTipReceivedSet { ...SbMoney }
          originalTotalDutiesSet { ...SbMoney }
          originalTotalAdditionalFeesSet { ...SbMoney }
          taxLines { ...SbTax }
          transactions { ...SbTransaction }
        """;

    private const string ShippingLine = """
          id title code
          originalPriceSet { ...SbMoney }
          discountedPriceSet { ...SbMoney }
          discountAllocations { allocatedAmountSet { ...SbMoney } }
          taxLines { ...SbTax }
        """;

    private const string Fragments = Parts + "\n" + """
        fragment SbOrder on Order {
        """ + OrderScalars + """
          shippingLines(first: $shipping) { nodes {
        """ + ShippingLine + """
          } pageInfo { hasNextPage endCursor } }
          lineItems(first: $lines) { nodes { ...SbLine } pageInfo { hasNextPage endCursor } }
          refunds { ...SbRefund }
        }
        """ + "\n" + RefundFragment;

    private const string RefundLineNode = "lineItem { id } quantity restockType subtotalSet { ...SbMoney } totalTaxSet { ...SbMoney }";

    private const string AdjustmentNode = "reason amountSet { ...SbMoney } taxAmountSet { ...SbMoney }";

    private const string RefundShippingNode = "shippingLine { id } subtotalAmountSet { ...SbMoney } taxAmountSet { ...SbMoney }";

    /// <summary>A refund with its entries (four connections of <c>$refundItems</c> each).</summary>
    private const string RefundFragment = """
        fragment SbRefund on Refund {
            id legacyResourceId createdAt note
            refundLineItems(first: $refundItems) { nodes {
        """ + RefundLineNode + """
         } pageInfo { hasNextPage endCursor } }
            transactions(first: $refundItems) { nodes { ...SbTransaction } pageInfo { hasNextPage endCursor } }
            orderAdjustments(first: $refundItems) { nodes {
        """ + AdjustmentNode + """
         } pageInfo { hasNextPage endCursor } }
            refundShippingLines(first: $refundItems) { nodes {
        """ + RefundShippingNode + """
         } pageInfo { hasNextPage endCursor } }
        }
        """;

    /// <summary>
    /// The refunds of one order, with their entries: what a bulk export cannot carry (connections inside a list). It costs the
    /// refunds alone, a fraction of reading the whole order again.
    /// </summary>
    public const string Refunds = """
        query StoreBooksOrderRefunds($id: ID!, $refundItems: Int!) {
          order(id: $id) { id refunds { ...SbRefund } }
        }
""" + "\n" + MoneyPart + TransactionPart + RefundFragment;

    /// <summary>A bound on what <see cref="Refunds"/> is charged: the order, and per refund (up to 10) itself and four connections of <paramref name="refundItems"/> nodes.</summary>
    public static int RefundsCost(int refundItems) => 1 + (10 * (1 + (4 * (2 + (refundItems * 4)))));

    /// <summary>A page of orders, oldest update first; <c>$query</c> filters (<c>updated_at:&gt;=…</c>, <c>id:1 OR id:2</c>).</summary>
    public const string Orders = """
        query StoreBooksOrders($first: Int!, $after: String, $query: String, $lines: Int!, $shipping: Int!, $refundItems: Int!) {
          orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            nodes { ...SbOrder }
            pageInfo { hasNextPage endCursor }
          }
        }
        """ + "\n" + Fragments;

    /// <summary>
    /// A bulk export of the orders matching <paramref name="search"/> (all when null), oldest update first: each order with its
    /// lists inline, its shipping lines and line items as lines of their own (three connections, two levels). A refund's
    /// entries are connections inside the <c>refunds</c> list, which a bulk query cannot select: the refunds come with their
    /// ids only, and an order with refunds is read again alone with <see cref="Order"/>.
    /// </summary>
    public static string BulkOrders(string? search) =>
        "{\n  orders(sortKey: UPDATED_AT" + (search is null ? "" : ", query: \"" + search.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"") + """
        ) { edges { node {
        """ + OrderScalars + """
          refunds { id legacyResourceId createdAt note }
          shippingLines { edges { node {
        """ + ShippingLine + """
          } } }
          lineItems { edges { node { ...SbLine } } }
        } } }
        }

        """ + Parts;

    /// <summary>How many orders a search matches (Shopify stops counting at 10,000 and says AT_LEAST).</summary>
    public const string Count = """
        query StoreBooksOrdersCount($query: String) { ordersCount(query: $query) { count precision } }
        """;

    /// <summary>One order, read alone with larger nested pages.</summary>
    public const string Order = """
        query StoreBooksOrder($id: ID!, $lines: Int!, $shipping: Int!, $refundItems: Int!) {
          order(id: $id) { ...SbOrder }
        }
        """ + "\n" + Fragments;

    /// <summary>Entries of one connection read past a cursor (shipping lines, a refund's lines, transactions, adjustments), 50 at a time.</summary>
    public const int MoreEntriesFirst = 50;

    /// <summary>A bound on what a page of 50 further entries costs: the parent, the connection, and 50 nodes of at most 11 points (a shipping line).</summary>
    public static int MoreEntriesCost => 1 + 2 + (MoreEntriesFirst * 11);

    /// <summary>The rest of one order's shipping lines.</summary>
    public const string MoreShippingLines = """
        query StoreBooksOrderShipping($id: ID!, $first: Int!, $after: String) {
          order(id: $id) { shippingLines(first: $first, after: $after) { nodes {
        """ + ShippingLine + """
          } pageInfo { hasNextPage endCursor } } }
        }
        """ + "\n" + MoneyPart + TaxPart;

    /// <summary>The rest of one refund's line items (<c>refund(id:)</c>).</summary>
    public const string MoreRefundLineItems = """
        query StoreBooksRefundLines($id: ID!, $first: Int!, $after: String) {
          refund(id: $id) { refundLineItems(first: $first, after: $after) { nodes {
        """ + RefundLineNode + """
         } pageInfo { hasNextPage endCursor } } }
        }
        """ + "\n" + MoneyPart;

    /// <summary>The rest of one refund's transactions.</summary>
    public const string MoreRefundTransactions = """
        query StoreBooksRefundTransactions($id: ID!, $first: Int!, $after: String) {
          refund(id: $id) { transactions(first: $first, after: $after) { nodes { ...SbTransaction } pageInfo { hasNextPage endCursor } } }
        }
        """ + "\n" + TransactionPart;

    /// <summary>The rest of one refund's order adjustments.</summary>
    public const string MoreOrderAdjustments = """
        query StoreBooksRefundAdjustments($id: ID!, $first: Int!, $after: String) {
          refund(id: $id) { orderAdjustments(first: $first, after: $after) { nodes {
        """ + AdjustmentNode + """
         } pageInfo { hasNextPage endCursor } } }
        }
        """ + "\n" + MoneyPart;

    /// <summary>The rest of one refund's refunded shipping lines.</summary>
    public const string MoreRefundShippingLines = """
        query StoreBooksRefundShipping($id: ID!, $first: Int!, $after: String) {
          refund(id: $id) { refundShippingLines(first: $first, after: $after) { nodes {
        """ + RefundShippingNode + """
         } pageInfo { hasNextPage endCursor } } }
        }
        """ + "\n" + MoneyPart;

    /// <summary>The rest of one order's line items.</summary>
    public const string MoreLines = """
        query StoreBooksOrderLines($id: ID!, $first: Int!, $after: String) {
          order(id: $id) { lineItems(first: $first, after: $after) { nodes { ...SbLine } pageInfo { hasNextPage endCursor } } }
        }
        """ + "\n" + MoneyPart + TaxPart + LinePart;
}
