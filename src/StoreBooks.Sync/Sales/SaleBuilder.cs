using System.Globalization;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sales;
using StoreBooks.QuickBooks.Common;

namespace StoreBooks.Sync.Sales;

/// <summary>
/// Works out the lines of an order's sales document and of each refund, correct to the cent: product lines at the store's
/// prices, one discount line (negative fees included), shipping net of its own discounts, fees, import duties, tips, gift cards sold (to the gift-card liability) and redeemed (a tender: a
/// negative gift-card line), and tax — the store's tax per QuickBooks rate for non-US companies, or one collected-tax line for US
/// companies. When QuickBooks' arithmetic would still differ from the store's total by a few cents, the difference goes on the
/// rounding line, visibly; a larger one is a problem reported, not posted.
/// </summary>
public sealed class SaleBuilder
{
    /// <summary>The largest difference the rounding line may absorb (as far as the order check lets an order's figures disagree).</summary>
    public const decimal RoundingTolerance = OrderCheck.RoundingTolerance;

    /// <summary>QuickBooks' own transaction-wide shipping line takes this pseudo item id.</summary>
    public const string ShippingLineItemId = "SHIPPING_ITEM_ID";

    private readonly SpecialItems _specials;
    private readonly TaxCodeMap? _taxes;
    private readonly TaxMode _usOrNot;
    private readonly SaleLineChoices _choices;

    public SaleBuilder(SpecialItems specials, TaxCodeMap? taxes, bool isUs, SaleLineChoices? choices = null)
    {
        _specials = specials;
        _taxes = taxes;
        _usOrNot = isUs ? TaxMode.Us : TaxMode.Exclusive;
        _choices = choices ?? new SaleLineChoices();
    }

    public TaxMode ModeOf(StoreOrder order) => _usOrNot == TaxMode.Us ? TaxMode.Us : order.TaxesIncluded ? TaxMode.Inclusive : TaxMode.Exclusive;

    /// <param name="items">The QuickBooks item of each product line (by line source id); gift-card lines need none.</param>
    public async Task<SaleDraft> BuildSaleAsync(StoreOrder order, IReadOnlyDictionary<string, Ref> items, CancellationToken cancellationToken)
    {
        var mode = ModeOf(order);
        var reference = OrderCheck.ReferenceMessage(order);
        var lines = new DraftLines(mode, _taxes, reference, order.TaxesIncluded);
        foreach (var line in order.Lines)
        {
            var item = line.IsGiftCard ? await Special(SpecialItem.GiftCards) : items[line.SourceId];
            lines.AddSold($"line {line.Position}", item, Describe(line), line.Quantity, line.UnitPrice, line.GrossAmount, line.Discount, line.Taxes);
        }

        foreach (var shipping in order.Shipping)
        {
            // A shipping discount (a free-shipping code) lowers the shipping line itself, not the order's discount line: the
            // shipping QuickBooks shows is what the buyer paid for it, and its taxable amount is the one the store taxed.
            if (await ShippingItemAsync(lines, reference, cancellationToken) is { } shippingItem)
            {
                lines.AddSold("shipping", shippingItem, Discounted(shipping), null, null, shipping.Amount - shipping.Discount, 0, shipping.Taxes, isShipping: true);
            }
        }

        foreach (var fee in order.Fees)
        {
            if (fee.Amount - fee.Discount < 0)
            {
                // A negative fee is money given back (WooCommerce merchants use one as a discount): it goes on the discount line,
                // which QuickBooks takes, rather than as a negative amount on an item line (see README, "How orders map").
                lines.AddCredit($"fee {fee.Title}", fee.Amount - fee.Discount, fee.Taxes);
                continue;
            }

            lines.AddSold("fee", await Special(SpecialItem.Fees), fee.Title, null, null, fee.Amount, fee.Discount, fee.Taxes);
        }

        foreach (var duty in order.Duties)
        {
            if (await DutiesItemAsync(lines, reference, cancellationToken) is { } dutiesItem)
            {
                lines.AddSold("duties", dutiesItem, duty.Title, null, null, duty.Amount, duty.Discount, duty.Taxes);
            }
        }

        if (order.Tip != 0)
        {
            lines.AddFlat("tip", await Special(SpecialItem.Tips), "Tip", order.Tip);
        }

        var redeemed = order.Payments.Where(p => p.IsGiftCard && p.Kind == StorePaymentKind.Received).Sum(p => p.Amount);
        if (redeemed != 0)
        {
            lines.AddFlat("gift card", await Special(SpecialItem.GiftCards), "Paid with a gift card", -redeemed);
        }

        // The store's tax is what it charged and owes, even when it rounded it once for the order rather than line by line.
        lines.HoldTaxTo(order.Totals.Tax, RoundingTolerance);
        if (lines.UsTax != 0)
        {
            lines.AddFlat("tax", await Special(SpecialItem.SalesTax), "Sales tax collected by the store", lines.UsTax);
        }

        return await FinishAsync(lines, order.Totals.Total - redeemed, reference, SalesMessages.SaleNotPosted.With(), cancellationToken).ConfigureAwait(false);

        Task<Ref> Special(SpecialItem kind) => _specials.GetAsync(kind, cancellationToken);
    }

    /// <summary>A refund's lines: the refunded lines (to "returns not restocked" when goods did not come back), shipping, tax, adjustments.</summary>
    public async Task<SaleDraft> BuildRefundAsync(StoreOrder order, StoreRefund refund, IReadOnlyDictionary<string, Ref> items, Func<string, bool> isInventoryItem, CancellationToken cancellationToken)
    {
        var mode = ModeOf(order);
        var reference = SalesMessages.RefundReference.With(("order", OrderCheck.ReferenceMessage(order)), ("refund", refund.SourceId));
        var lines = new DraftLines(mode, _taxes, reference, order.TaxesIncluded);
        var byId = order.Lines.ToDictionary(l => l.SourceId, StringComparer.Ordinal);
        foreach (var refunded in refund.Lines)
        {
            if (!byId.TryGetValue(refunded.OrderLineSourceId, out var line))
            {
                lines.AddProblem(SalesMessages.RefundUnknownLine.With(("refund", reference), ("line", refunded.OrderLineSourceId)));
                continue;
            }

            var item = line.IsGiftCard ? await Special(SpecialItem.GiftCards) : items[line.SourceId];
            if (!refunded.Restock && item.Value is { } id && isInventoryItem(id))
            {
                item = await Special(SpecialItem.NotRestocked);
            }

            // The store's refunded amounts are like its prices: with tax when the order's prices include it (StoreRefundLine.Amount).
            lines.AddSold($"line {line.Position}", item, Describe(line) + (refunded.Restock ? " (returned to stock)" : ""), refunded.Quantity == 0 ? null : refunded.Quantity, null,
                refunded.Amount, 0, refunded.Taxes);
        }

        if ((refund.Shipping != 0 || refund.ShippingTaxes.Count > 0) && await ShippingItemAsync(lines, reference, cancellationToken) is { } shippingItem)
        {
            lines.AddSold("shipping", shippingItem, "Shipping refunded", null, null, refund.Shipping, 0, refund.ShippingTaxes, isShipping: true);
        }

        if (refund.Adjustment != 0)
        {
            lines.AddFlat("adjustment", await Special(SpecialItem.RefundAdjustment), refund.AdjustmentReason ?? (refund.Note is { Length: > 0 } note ? $"Refund: {note}" : "Refund adjustment"), refund.Adjustment);
        }

        if (lines.UsTax != 0)
        {
            lines.AddFlat("tax", await Special(SpecialItem.SalesTax), "Sales tax refunded", lines.UsTax);
        }

        // Refunds are built after the sale is in QuickBooks: only the refund is held back.
        return await FinishAsync(lines, refund.Total, reference, SalesMessages.RefundNotPosted.With(), cancellationToken).ConfigureAwait(false);

        Task<Ref> Special(SpecialItem kind) => _specials.GetAsync(kind, cancellationToken);
    }

    private async Task<SaleDraft> FinishAsync(DraftLines lines, decimal target, SyncMessage reference, SyncMessage notPosted, CancellationToken cancellationToken)
    {
        var rounding = target - lines.Total;
        if (rounding != 0 && Math.Abs(rounding) <= RoundingTolerance && lines.Problems.Count == 0)
        {
            lines.AddFlat("rounding", await _specials.GetAsync(SpecialItem.Rounding, cancellationToken).ConfigureAwait(false),
                $"Rounding: the store's total is {Money(target)}", rounding);
        }
        else if (rounding != 0 && lines.Problems.Count == 0)
        {
            lines.AddProblem(SalesMessages.TotalDiffers.With(("sale", reference), ("sum", MessageArg.Number(lines.Total, "0.00")), ("total", MessageArg.Number(target, "0.00")), ("notPosted", notPosted)));
        }

        if (lines.Discount != 0 && _choices.DiscountProblem is { } discountProblem)
        {
            lines.AddProblem(CommonMessages.About.With(("what", reference), ("problem", discountProblem)));
        }

        var discountLines = lines.Discount == 0 ? [] : new[]
        {
            new Line
            {
                DetailType = LineDetailTypes.Discount,
                Amount = lines.Discount,
                DiscountLineDetail = new DiscountLineDetail { PercentBased = false, DiscountAccountRef = _choices.DiscountAccount },
            },
        };
        return new SaleDraft
        {
            Lines = [.. lines.Lines, .. discountLines],
            TaxDetail = lines.TaxDetail(),
            Total = target,
            Tax = lines.UsTax != 0 ? lines.UsTax : lines.RateTax,
            Shipping = lines.Shipping,
            Discount = lines.Discount,
            Rounding = rounding != 0 && lines.Problems.Count == 0 && Math.Abs(rounding) <= RoundingTolerance ? rounding : 0,
            ProblemMessages = lines.Problems,
        };
    }

    /// <summary>QuickBooks' shipping line or the shipping item, as chosen; null (and a problem said once) when shipping cannot post as chosen.</summary>
    private async Task<Ref?> ShippingItemAsync(DraftLines lines, SyncMessage reference, CancellationToken cancellationToken)
    {
        if (_choices.ShippingProblem is { } problem)
        {
            lines.AddProblem(CommonMessages.About.With(("what", reference), ("problem", problem)));

            return null;
        }

        return _choices.ShippingLine ? Ref.To(ShippingLineItemId) : await _specials.GetAsync(SpecialItem.Shipping, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The duties item; null (and a problem said once) when <c>sales.dutiesAccount</c> cannot be used.</summary>
    private async Task<Ref?> DutiesItemAsync(DraftLines lines, SyncMessage reference, CancellationToken cancellationToken)
    {
        if (_choices.DutiesProblem is { } problem)
        {
            lines.AddProblem(CommonMessages.About.With(("what", reference), ("problem", problem)));

            return null;
        }

        return await _specials.GetAsync(SpecialItem.Duties, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"Standard (free-shipping code: 8.00 off)" for a discounted shipping line, so the line says why it is less.</summary>
    private static string Discounted(StoreCharge shipping) =>
        shipping.Discount == 0 ? shipping.Title : $"{shipping.Title} (discount {Money(shipping.Discount)} of {Money(shipping.Amount)})";

    private static string Describe(StoreOrderLine line) =>
        string.IsNullOrWhiteSpace(line.VariantTitle) ? line.Title : $"{line.Title} - {line.VariantTitle}";

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>How shipping and discounts go on documents, as the connection's settings choose and the QuickBooks company allows.</summary>
public sealed record SaleLineChoices
{
    /// <summary>Shipping on QuickBooks' own shipping line rather than on the shipping item.</summary>
    public bool ShippingLine { get; init; }

    /// <summary>Why shipping cannot post as the settings say; orders with shipping are reported with it.</summary>
    public SyncMessage? ShippingProblem { get; init; }

    /// <summary>The discount line's account; QuickBooks' own discount account when null.</summary>
    public Ref? DiscountAccount { get; init; }

    /// <summary>Why discounts cannot post; orders with a discount are reported with it.</summary>
    public SyncMessage? DiscountProblem { get; init; }

    /// <summary>Why the duties item cannot be made as the settings say; orders with duties are reported with it.</summary>
    public SyncMessage? DutiesProblem { get; init; }

    /// <summary>The account types a service item's income account may have in QuickBooks (a liability for money owed onwards).</summary>
    private static readonly string[] ItemAccountTypes = ["Income", "Other Income", "Other Current Liability"];

    public static SaleLineChoices For(SalesSettings settings, Company.QuickBooksCompany company)
    {
        var shippingLine = settings.Shipping == ShippingMode.ShippingLine;
        var discountAccount = company.FindAccount(settings.DiscountAccount);
        SyncMessage? discountProblem = null;
        if (!company.AllowsDiscount)
        {
            discountProblem = SalesMessages.DiscountsOff.With();
        }
        else if (!string.IsNullOrWhiteSpace(settings.DiscountAccount) && discountAccount?.Id is null)
        {
            discountProblem = SalesMessages.DiscountAccountMissing.With(("account", settings.DiscountAccount));
        }

        SyncMessage? dutiesProblem = null;
        if (!string.IsNullOrWhiteSpace(settings.DutiesAccount))
        {
            var duties = company.FindAccount(settings.DutiesAccount);
            if (duties?.Id is null || duties.Active == false)
            {
                dutiesProblem = SalesMessages.DutiesAccountMissing.With(("account", settings.DutiesAccount));
            }
            else if (!ItemAccountTypes.Contains(duties.AccountType, StringComparer.Ordinal))
            {
                dutiesProblem = SalesMessages.DutiesAccountType.With(("account", duties.Name ?? ""), ("type", duties.AccountType ?? ""));
            }
        }

        return new SaleLineChoices
        {
            DutiesProblem = dutiesProblem,
            ShippingLine = shippingLine,
            ShippingProblem = shippingLine && !company.AllowsShipping
                ? SalesMessages.ShippingOff.With()
                : null,
            DiscountAccount = discountAccount?.Id is { } id ? Ref.To(id, discountAccount.Name) : null,
            DiscountProblem = discountProblem,
        };
    }
}
