namespace StoreBooks.Core.Messages;

/// <summary>What keeps a sale or refund from posting as the settings and the QuickBooks company stand: tax codes, deposit accounts, discounts, shipping, duties.</summary>
public static class SalesMessages
{
    public static readonly MessageTemplate RefundReference = new("sale.refund.ref", "{order}, refund {refund}");

    public static readonly MessageTemplate TaxProblem = new("sale.tax.where", "{sale} ({places}): {problem}");

    public static readonly MessageTemplate TaxCodeNotActive = new("sale.tax.code-inactive",
        "the tax code \"{code}\" set for {tax} in sales.taxCodes is not an active QuickBooks tax code. Codes: {codes}.");

    public static readonly MessageTemplate TaxCodeRates = new("sale.tax.code-rates",
        "the QuickBooks tax code \"{code}\" (set for {tax}) has rates {rates}, not those of {tax}. Choose a code with the same rates.");

    public static readonly MessageTemplate TaxNoCode = new("sale.tax.no-code",
        "tax {tax} has no QuickBooks tax code with the same rates. Map it in the settings (sales.taxCodes: {setting}). Codes: {codes}.");

    public static readonly MessageTemplate TaxSeveralCodes = new("sale.tax.several-codes",
        "tax {tax} matches several QuickBooks tax codes ({matching}). Choose one in the settings (sales.taxCodes: {setting}).");

    public static readonly MessageTemplate UntaxedCodeNotActive = new("sale.tax.untaxed-inactive",
        "the untaxed tax code \"{code}\" (sales.untaxedTaxCode) is not an active QuickBooks tax code. Codes: {codes}.");

    public static readonly MessageTemplate UntaxedNoCode = new("sale.tax.untaxed-none",
        "untaxed lines need a QuickBooks tax code with a 0 % rate: choose one in the settings (sales.untaxedTaxCode). Codes: {codes}.");

    public static readonly MessageTemplate NoUndepositedFunds = new("sale.payment.no-undeposited-funds",
        "the QuickBooks company has no Undeposited Funds account; choose a deposit account in the settings (sales.defaultDepositAccount).");

    public static readonly MessageTemplate DepositAccountMissing = new("sale.payment.deposit-missing",
        "the deposit account \"{account}\" for payments by {gateway} is not in QuickBooks; choose a Bank or Other Current Asset account (sales.payments).");

    public static readonly MessageTemplate DepositAccountType = new("sale.payment.deposit-type",
        "the deposit account {account} (id {id}) for payments by {gateway} is of type {type}; QuickBooks deposits only into Bank or Other Current Asset accounts.");

    public static readonly MessageTemplate RefundUnknownLine = new("sale.refund.unknown-line",
        "{refund}: it refunds line {line}, which the order does not have.");

    public static readonly MessageTemplate TotalDiffers = new("sale.total-differs",
        "{sale}: its lines, shipping, fees and taxes come to {sum} but the store's total is {total}; {notPosted}");

    public static readonly MessageTemplate SaleNotPosted = new("sale.not-posted", "nothing was posted. Check the order in the store.");

    public static readonly MessageTemplate RefundNotPosted = new("sale.refund.not-posted", "the refund was not posted (the sale was). Check the refund in the store.");

    public static readonly MessageTemplate DiscountsOff = new("sale.discount.off",
        "QuickBooks has discounts turned off for this company. Turn them on (Account and settings > Sales > Discount) so the store's discounts can be posted.");

    public static readonly MessageTemplate DiscountAccountMissing = new("sale.discount.account-missing",
        "the discount account \"{account}\" (sales.discountAccount) is not in QuickBooks. Choose an existing income account, or clear the setting to use QuickBooks' own.");

    public static readonly MessageTemplate DutiesAccountMissing = new("sale.duties.account-missing",
        "the duties account \"{account}\" (sales.dutiesAccount) is not an active account in QuickBooks. Choose an existing account, or clear the setting to use a \"Duties collected\" liability.");

    public static readonly MessageTemplate DutiesAccountType = new("sale.duties.account-type",
        "the duties account \"{account}\" (sales.dutiesAccount) is of type {type}; an item's account must be Income, Other Income or Other Current Liability. Choose one of those.");

    public static readonly MessageTemplate ShippingOff = new("sale.shipping.off",
        "sales.shipping is ShippingLine, but this QuickBooks company has shipping turned off. Turn it on (Account and settings > Sales > Shipping), or post shipping with an item (sales.shipping = Item).");
}
