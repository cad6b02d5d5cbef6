using FieldType = StoreBooks.Emulators.Shopify.GraphQL.AdminSchema.FieldType;

namespace StoreBooks.Emulators.Shopify.GraphQL.Orders;

/// <summary>
/// The order part of the GraphQL Admin API schema the emulator serves: <c>Order</c> with its line items, shipping lines,
/// taxes, discounts, duties, transactions and refunds, under Shopify's own field names. Each field here is answered from the
/// emulator's REST order (see <see cref="OrderGraph"/>), so GraphQL and REST serve the same orders.
/// </summary>
internal static class OrderSchema
{
    /// <summary>Scalars and enums of these types: cost 0, no selections.</summary>
    public static readonly IReadOnlySet<string> Scalars = new HashSet<string>(StringComparer.Ordinal)
    {
        "Float", "JSON", "CountryCode", "OrderDisplayFinancialStatus", "OrderTransactionKind", "OrderTransactionStatus",
        "OrderTransactionErrorCode", "RefundLineItemRestockType", "OrderAdjustmentKind", "DiscountApplicationTargetType",
        "DiscountApplicationTargetSelection", "DiscountApplicationAllocationMethod", "OrderCancelReason", "CountPrecision",
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldType>> Types = new Dictionary<string, IReadOnlyDictionary<string, FieldType>>
    {
        ["Order"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["legacyResourceId"] = new("UnsignedInt64"), ["name"] = new("String"), ["number"] = new("Int"),
            ["createdAt"] = new("DateTime"), ["updatedAt"] = new("DateTime"), ["processedAt"] = new("DateTime"),
            ["cancelledAt"] = new("DateTime"), ["closedAt"] = new("DateTime"), ["closed"] = new("Boolean"), ["cancelReason"] = new("OrderCancelReason"),
            ["test"] = new("Boolean"), ["taxesIncluded"] = new("Boolean"), ["currencyCode"] = new("CurrencyCode"),
            ["presentmentCurrencyCode"] = new("CurrencyCode"), ["displayFinancialStatus"] = new("OrderDisplayFinancialStatus"),
            ["email"] = new("String"), ["phone"] = new("String"), ["note"] = new("String"), ["tags"] = new("String", List: true),
            ["customer"] = new("Customer"), ["billingAddress"] = new("MailingAddress"), ["shippingAddress"] = new("MailingAddress"),
            ["subtotalPriceSet"] = new("MoneyBag"), ["totalPriceSet"] = new("MoneyBag"), ["totalTaxSet"] = new("MoneyBag"),
            ["totalDiscountsSet"] = new("MoneyBag"), ["totalShippingPriceSet"] = new("MoneyBag"), ["totalTipReceivedSet"] = new("MoneyBag"),
            ["currentTotalPriceSet"] = new("MoneyBag"), ["originalTotalDutiesSet"] = new("MoneyBag"), ["currentTotalDutiesSet"] = new("MoneyBag"),
            ["originalTotalAdditionalFeesSet"] = new("MoneyBag"), ["currentTotalAdditionalFeesSet"] = new("MoneyBag"),
            ["subtotalLineItemsQuantity"] = new("Int"),
            ["lineItems"] = new("LineItem", Connection: true), ["shippingLines"] = new("ShippingLine", Connection: true),
            ["discountApplications"] = new("DiscountApplication", Connection: true),
            ["taxLines"] = new("TaxLine", List: true), ["discountCodes"] = new("String", List: true),
            ["transactions"] = new("OrderTransaction", List: true), ["refunds"] = new("Refund", List: true),
        },
        ["Count"] = new Dictionary<string, FieldType> { ["count"] = new("Int"), ["precision"] = new("CountPrecision") },
        ["Customer"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["legacyResourceId"] = new("UnsignedInt64"), ["email"] = new("String"), ["firstName"] = new("String"),
            ["lastName"] = new("String"), ["displayName"] = new("String"), ["phone"] = new("String"), ["createdAt"] = new("DateTime"),
            ["updatedAt"] = new("DateTime"), ["defaultAddress"] = new("MailingAddress"),
        },
        ["MailingAddress"] = new Dictionary<string, FieldType>
        {
            ["firstName"] = new("String"), ["lastName"] = new("String"), ["name"] = new("String"), ["company"] = new("String"),
            ["address1"] = new("String"), ["address2"] = new("String"), ["city"] = new("String"), ["province"] = new("String"),
            ["provinceCode"] = new("String"), ["zip"] = new("String"), ["country"] = new("String"), ["countryCodeV2"] = new("CountryCode"),
            ["phone"] = new("String"),
        },
        ["MoneyBag"] = new Dictionary<string, FieldType> { ["shopMoney"] = new("MoneyV2"), ["presentmentMoney"] = new("MoneyV2") },
        ["LineItem"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["title"] = new("String"), ["name"] = new("String"), ["variantTitle"] = new("String"), ["sku"] = new("String"),
            ["vendor"] = new("String"), ["quantity"] = new("Int"), ["currentQuantity"] = new("Int"), ["taxable"] = new("Boolean"),
            ["isGiftCard"] = new("Boolean"), ["requiresShipping"] = new("Boolean"),
            ["originalUnitPriceSet"] = new("MoneyBag"), ["originalTotalSet"] = new("MoneyBag"), ["discountedTotalSet"] = new("MoneyBag"),
            ["totalDiscountSet"] = new("MoneyBag"), ["variant"] = new("ProductVariant"), ["product"] = new("Product"),
            ["discountAllocations"] = new("DiscountAllocation", List: true), ["taxLines"] = new("TaxLine", List: true),
            ["duties"] = new("Duty", List: true),
        },
        ["Duty"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["harmonizedSystemCode"] = new("String"), ["countryCodeOfOrigin"] = new("CountryCode"),
            ["price"] = new("MoneyBag"), ["taxLines"] = new("TaxLine", List: true),
        },
        ["TaxLine"] = new Dictionary<string, FieldType>
        {
            ["title"] = new("String"), ["rate"] = new("Float"), ["ratePercentage"] = new("Float"), ["priceSet"] = new("MoneyBag"),
            ["channelLiable"] = new("Boolean"),
        },
        ["DiscountAllocation"] = new Dictionary<string, FieldType>
        {
            ["allocatedAmountSet"] = new("MoneyBag"), ["discountApplication"] = new("DiscountApplication"),
        },

        // An interface (DiscountCodeApplication, ManualDiscountApplication, AutomaticDiscountApplication, ScriptDiscountApplication):
        // the fields of every implementation, answered null where an implementation lacks them; __typename names the implementation.
        ["DiscountApplication"] = new Dictionary<string, FieldType>
        {
            ["index"] = new("Int"), ["targetType"] = new("DiscountApplicationTargetType"), ["targetSelection"] = new("DiscountApplicationTargetSelection"),
            ["allocationMethod"] = new("DiscountApplicationAllocationMethod"), ["code"] = new("String"), ["title"] = new("String"),
        },
        ["ShippingLine"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["title"] = new("String"), ["code"] = new("String"), ["source"] = new("String"), ["carrierIdentifier"] = new("String"),
            ["originalPriceSet"] = new("MoneyBag"), ["discountedPriceSet"] = new("MoneyBag"),
            ["discountAllocations"] = new("DiscountAllocation", List: true), ["taxLines"] = new("TaxLine", List: true),
        },
        ["OrderTransaction"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["kind"] = new("OrderTransactionKind"), ["status"] = new("OrderTransactionStatus"), ["gateway"] = new("String"),
            ["amountSet"] = new("MoneyBag"), ["processedAt"] = new("DateTime"), ["createdAt"] = new("DateTime"), ["test"] = new("Boolean"),
            ["errorCode"] = new("OrderTransactionErrorCode"), ["authorizationCode"] = new("String"), ["parentTransaction"] = new("OrderTransaction"),
        },
        ["Refund"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["legacyResourceId"] = new("UnsignedInt64"), ["createdAt"] = new("DateTime"), ["updatedAt"] = new("DateTime"),
            ["note"] = new("String"), ["totalRefundedSet"] = new("MoneyBag"),
            ["refundLineItems"] = new("RefundLineItem", Connection: true), ["transactions"] = new("OrderTransaction", Connection: true),
            ["orderAdjustments"] = new("OrderAdjustment", Connection: true), ["refundShippingLines"] = new("RefundShippingLine", Connection: true),
        },
        ["RefundLineItem"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["lineItem"] = new("LineItem"), ["quantity"] = new("Int"), ["restockType"] = new("RefundLineItemRestockType"),
            ["restocked"] = new("Boolean"), ["priceSet"] = new("MoneyBag"), ["subtotalSet"] = new("MoneyBag"), ["totalTaxSet"] = new("MoneyBag"),
        },
        ["OrderAdjustment"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["amountSet"] = new("MoneyBag"), ["taxAmountSet"] = new("MoneyBag"), ["reason"] = new("OrderAdjustmentKind"),
        },
        ["RefundShippingLine"] = new Dictionary<string, FieldType>
        {
            ["id"] = new("ID"), ["shippingLine"] = new("ShippingLine"), ["subtotalAmountSet"] = new("MoneyBag"), ["taxAmountSet"] = new("MoneyBag"),
        },
    };
}
