using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Products;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv.Orders;

/// <summary>
/// Turns the consecutive rows of one order of Shopify's orders export into a <see cref="StoreOrder"/>, or into problems a
/// merchant can act on when a value cannot be read or the export's own figures do not add up. The rules (discount and tax
/// allocation, taxes-included detection, test orders, refunds, UpdatedAt) are in this project's README.
/// </summary>
internal sealed class OrderBuilder
{
    /// <summary>How far the export's figures may differ from what the lines add up to (rounding).</summary>
    private const decimal Tolerance = 0.01m;

    private readonly string _fileName;
    private readonly ProductIndex _products;

    public OrderBuilder(string fileName, ProductIndex products)
    {
        _fileName = fileName;
        _products = products;
    }

    /// <summary>
    /// The order's id as the file gives it (Id, or the number in exports without that column); null when the first row's CSV is
    /// broken before its Id, so the id cannot be told.
    /// </summary>
    public static string? OrderId(OrderRow first)
    {
        if (!first.IdKnown)
        {
            return null;
        }

        return first[OrderColumn.Id].Length > 0 ? first[OrderColumn.Id] : Number(first);
    }

    /// <summary>"1043" for Name "#1043".</summary>
    public static string Number(OrderRow row) => row[OrderColumn.Name].TrimStart('#').Trim();

    public OrderRead Build(IReadOnlyList<OrderRow> rows)
    {
        var first = rows[0];
        var name = first[OrderColumn.Name];
        var number = Number(first);
        var orderId = OrderId(first);
        var read = new OrderFieldReader(_products, orderId, number, Label(name));
        var place = CsvFile.PlaceOf(_fileName, first.FirstLine, rows[^1].LastLine);
        var location = place.Text;

        // The CSV itself first: a broken line leaves the order's values unknown, and every check after it would only mislead.
        var broken = rows.Where(r => r.Fault != CsvFault.None).ToList();
        if (broken.Count > 0)
        {
            foreach (var row in broken)
            {
                read.Fail(row, row == broken[0] ? CsvMessages.NothingRead.With(("fault", row.FaultMessage)) : row.FaultMessage);
            }

            read.UpdatedAt = OrderFieldReader.LatestTime(first);
            return read.Result(null);
        }

        if (new[] { OrderColumn.FinancialStatus, OrderColumn.Currency, OrderColumn.Total, OrderColumn.CreatedAt }.All(c => first[c].Length == 0))
        {
            read.Fail(first, CsvMessages.OrderColumnsEmpty.With());
            return read.Result(null);
        }

        var createdAt = read.Time(first, OrderColumn.CreatedAt, required: true);
        var paidAt = read.Time(first, OrderColumn.PaidAt, required: false);
        var cancelledAt = read.Time(first, OrderColumn.CancelledAt, required: false);
        read.UpdatedAt = new[] { createdAt, paidAt, cancelledAt }.Max();

        var currency = read.Currency(first);
        var status = read.Status(first);
        var total = read.Money(first, OrderColumn.Total, required: true) ?? 0m;
        var subtotal = read.Money(first, OrderColumn.Subtotal, required: false);
        var shipping = read.Money(first, OrderColumn.Shipping, required: false) ?? 0m;

        // Import duties the buyer paid at checkout (Shopify's "Duties" column): in the Total, neither goods nor tax.
        var duties = read.Money(first, OrderColumn.Duties, required: false) ?? 0m;
        var taxes = read.Money(first, OrderColumn.Taxes, required: false);
        var discount = read.Money(first, OrderColumn.DiscountAmount, required: false) ?? 0m;
        var refunded = read.Money(first, OrderColumn.RefundedAmount, required: false) ?? 0m;
        var outstanding = read.Money(first, OrderColumn.OutstandingBalance, required: false);
        var taxColumns = read.TaxColumns(first);
        if (discount < 0m || refunded < 0m || shipping < 0m || duties < 0m)
        {
            read.Fail(first, CsvMessages.Negative.With());
        }

        var lines = rows.Select((row, i) => read.Line(row, i + 1)).ToList();
        if (read.Failed)
        {
            return read.Result(null);
        }

        // The figures, in the order a merchant fixes them: a line that does not add up spoils the order's totals, so it comes first.
        foreach (var (line, position) in lines.Select((l, i) => (l, i + 1)))
        {
            if (line.OwnDiscount < 0m || line.OwnDiscount > Math.Max(line.Quantity * line.UnitPrice, 0m) + Tolerance)
            {
                read.Fail(line.Row, CsvMessages.LineDiscountOutside.With(("position", position), ("name", line.Name), ("discount", Amount(line.OwnDiscount)),
                    ("quantity", MessageArg.Number(line.Quantity, "0.####")), ("price", Amount(line.UnitPrice)), ("amount", Amount(line.Quantity * line.UnitPrice))));
                return read.Result(null);
            }
        }

        // Discounts: each line's own "Lineitem discount", plus what remains of the order's Discount Amount spread over the lines.
        var linesGross = lines.Sum(l => l.Quantity * l.UnitPrice);
        var lineDiscounts = lines.Sum(l => l.OwnDiscount);
        var orderDiscount = discount - lineDiscounts;
        if (orderDiscount < -Tolerance)
        {
            read.Fail(place, CsvMessages.LineDiscountsOver.With(("sum", Amount(lineDiscounts)), ("discount", Amount(discount))));
            return read.Result(null);
        }

        var discountShares = orderDiscount > 0m ? CentAllocator.Allocate(orderDiscount, lines.Select(l => l.Quantity * l.UnitPrice - l.OwnDiscount).ToList()) : null;
        if (orderDiscount > 0m && discountShares is null)
        {
            read.Fail(place, CsvMessages.DiscountNothing.With(("discount", Amount(discount))));
            return read.Result(null);
        }

        var discounts = lines.Select((l, i) => l.OwnDiscount + (discountShares?[i] ?? 0m)).ToArray();

        if (subtotal is { } s && Math.Abs(s - (linesGross - discount)) > Tolerance)
        {
            read.Fail(place, CsvMessages.Subtotal.With(("subtotal", Amount(s)), ("lines", Amount(linesGross)), ("discounts", Amount(discount)), ("expected", Amount(linesGross - discount))));
            return read.Result(null);
        }

        // The export's figures must add up: with taxes on top (most of North America) or included in the prices.
        var taxTotal = taxes ?? taxColumns.Sum(t => t.Amount);
        if (taxes is { } t && taxColumns.Count > 0 && Math.Abs(taxColumns.Sum(c => c.Amount) - t) > Tolerance)
        {
            read.Fail(first, CsvMessages.TaxColumns.With(("sum", Amount(taxColumns.Sum(c => c.Amount))), ("taxes", Amount(t))));
            return read.Result(null);
        }

        var beforeTax = linesGross - discount + shipping + duties;
        bool taxesIncluded;
        if (Math.Abs(beforeTax + taxTotal - total) <= Tolerance)
        {
            taxesIncluded = false;
        }
        else if (taxTotal != 0m && Math.Abs(beforeTax - total) <= Tolerance)
        {
            taxesIncluded = true;
        }
        else
        {
            read.Fail(place, CsvMessages.Total.With(
                ("lines", Amount(linesGross)), ("discounts", Amount(discount)), ("shipping", Amount(shipping)),
                ("duties", duties != 0m ? CsvMessages.TotalDuties.With(("duties", Amount(duties))) : (MessageArg)""),
                ("taxes", Amount(taxTotal)), ("sum", Amount(beforeTax + taxTotal)), ("total", Amount(total))));
            return read.Result(null);
        }

        // Taxes: each order tax spread over the taxable lines (and the shipping, unless its rate shows it was charged on the lines only).
        var taxLines = taxColumns.Count > 0 || taxTotal == 0m ? taxColumns : [new StoreTax("Tax", 0m, taxTotal)];
        var lineNets = lines.Select((l, i) => l.Taxable ? l.Quantity * l.UnitPrice - discounts[i] : 0m).ToList();
        var lineTaxes = lines.Select(_ => new List<StoreTax>()).ToArray();
        var shippingTaxes = new List<StoreTax>();
        foreach (var tax in taxLines)
        {
            var onShipping = shipping > 0m && !ChargedOnLinesOnly(tax, lineNets, shipping, taxesIncluded);
            var weights = onShipping ? [.. lineNets, shipping] : lineNets;
            var shares = CentAllocator.Allocate(tax.Amount, weights);
            if (shares is null)
            {
                read.Fail(place, CsvMessages.TaxNowhere.With(("tax", tax.Name), ("amount", Amount(tax.Amount))));
                return read.Result(null);
            }

            for (var i = 0; i < lines.Count; i++)
            {
                if (lineNets[i] > 0m)
                {
                    lineTaxes[i].Add(tax with { Amount = shares[i] });
                }
            }

            if (onShipping)
            {
                shippingTaxes.Add(tax with { Amount = shares[^1] });
            }
        }

        // Payments and refunds: the export has one gateway and the amounts; a refund has no detail, so it is one adjustment.
        var gateway = first[OrderColumn.PaymentMethod].Length > 0 ? first[OrderColumn.PaymentMethod] : "unknown";
        var received = status switch
        {
            FinancialStatus.Paid or FinancialStatus.PartiallyRefunded or FinancialStatus.Refunded => total - Math.Max(outstanding ?? 0m, 0m),
            FinancialStatus.PartiallyPaid when outstanding is { } owed => total - owed,
            _ => 0m,
        };
        if (refunded > received + Tolerance)
        {
            read.Fail(first, CsvMessages.RefundOver.With(("refunded", Amount(refunded)), ("received", Amount(received))));
            return read.Result(null);
        }

        var updatedAt = read.UpdatedAt!.Value;
        var sourceId = orderId!;
        var payments = new List<StorePayment>();
        if (received > 0m)
        {
            payments.Add(new StorePayment
            {
                SourceId = $"{sourceId}:payment",
                Gateway = gateway,
                Kind = StorePaymentKind.Received,
                Amount = received,
                ProcessedAt = paidAt ?? createdAt,
                IsGiftCard = IsGiftCard(gateway),
            });
        }

        var refunds = new List<StoreRefund>();
        if (refunded > 0m)
        {
            var refundedAt = cancelledAt ?? updatedAt;
            var payment = new StorePayment
            {
                SourceId = $"{sourceId}:refund",
                Gateway = gateway,
                Kind = StorePaymentKind.Refunded,
                Amount = refunded,
                ProcessedAt = refundedAt,
                IsGiftCard = IsGiftCard(gateway),
            };
            payments.Add(payment);
            refunds.Add(new StoreRefund
            {
                SourceId = $"{sourceId}:refund",
                CreatedAt = refundedAt,
                Adjustment = refunded,
                Total = refunded,
                Payments = [payment],
                Note = $"{_fileName} gives only the Refunded Amount ({Money(refunded)}), not which lines, shipping or taxes were refunded nor when: " +
                       "recorded as one adjustment, dated at the order's latest time in the file.",
            });
        }

        var billing = OrderCustomer.Address(first, isBilling: true);
        var shippingAddress = OrderCustomer.Address(first, isBilling: false);
        var orderLines = lines.Select((l, i) => new StoreOrderLine
        {
            SourceId = $"{number}:{i + 1}",
            Position = i + 1,
            ProductSourceId = l.Product?.SourceId,
            Sku = l.Sku,
            Title = l.Product?.ProductTitle ?? l.Name,
            VariantTitle = l.Product?.VariantTitle,
            Quantity = l.Quantity,
            UnitPrice = l.UnitPrice,
            Discount = discounts[i],
            Taxes = lineTaxes[i],
            Taxable = l.Taxable,
            IsGiftCard = l.IsGiftCard,
            Origin = l.Row.Location,
        }).ToList();

        var order = new StoreOrder
        {
            SourceId = sourceId,
            Number = number,
            CreatedAt = createdAt!.Value,
            UpdatedAt = updatedAt,
            Currency = currency,
            Status = first[OrderColumn.FinancialStatus].ToLowerInvariant(),
            FinancialStatus = status!.Value,
            CancelledAt = cancelledAt,
            IsTest = IsTest(first, gateway),
            TaxesIncluded = taxesIncluded,
            Customer = OrderCustomer.From(first, billing, shippingAddress),
            BillingAddress = billing,
            ShippingAddress = shippingAddress,
            Lines = orderLines,
            Shipping = shipping == 0m ? [] :
            [
                new StoreCharge
                {
                    Title = first[OrderColumn.ShippingMethod].Length > 0 ? first[OrderColumn.ShippingMethod] : "Shipping",
                    Amount = shipping,
                    Taxes = shippingTaxes,
                },
            ],
            Duties = duties == 0m ? [] : [new StoreCharge { Title = "Import duties", Amount = duties }],
            Payments = payments,
            Refunds = refunds,
            DiscountCodes = first[OrderColumn.DiscountCode].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Note = first[OrderColumn.Notes].Length > 0 ? first[OrderColumn.Notes] : null,
            Totals = new StoreOrderTotals
            {
                LinesGross = linesGross,
                Discounts = discount,
                Shipping = shipping,
                Duties = duties,
                Tax = taxTotal,
                Total = total,
            },
            Origin = location,
        };
        return read.Result(order);
    }

    /// <summary>
    /// True when the tax's rate shows it was charged on the lines alone: the rate applied to the taxable lines gives the tax
    /// (within a cent per line), and applied to the lines and the shipping it does not. Without a rate, shipping is taxed.
    /// </summary>
    private static bool ChargedOnLinesOnly(StoreTax tax, IReadOnlyList<decimal> lineNets, decimal shipping, bool taxesIncluded)
    {
        if (tax.Rate <= 0m)
        {
            return false;
        }

        var tolerance = Tolerance * (lineNets.Count(n => n > 0m) + 1);
        decimal TaxOn(decimal amount) => taxesIncluded ? amount * tax.Rate / (1m + tax.Rate) : amount * tax.Rate;
        var linesOnly = lineNets.Sum();
        return Math.Abs(TaxOn(linesOnly) - tax.Amount) <= tolerance && Math.Abs(TaxOn(linesOnly + shipping) - tax.Amount) > tolerance;
    }

    /// <summary>A test order: tagged "test", from Source "test", or paid with Shopify's test gateway ("bogus").</summary>
    private static bool IsTest(OrderRow first, string gateway) =>
        first[OrderColumn.Tags].Split(',', StringSplitOptions.TrimEntries).Any(tag => tag.Equals("test", StringComparison.OrdinalIgnoreCase))
        || first[OrderColumn.Source].Equals("test", StringComparison.OrdinalIgnoreCase)
        || gateway.Equals("bogus", StringComparison.OrdinalIgnoreCase);

    private static bool IsGiftCard(string gateway) => gateway.Equals("gift_card", StringComparison.OrdinalIgnoreCase);

    private static string Money(decimal value) => CsvValues.Money(value);

    private static MessageArg Amount(decimal value) => CsvMessages.Money(value);

    /// <summary>"order #1043" for Name "#1043", as the sync names orders (so the dashboard names it in the reader's language).</summary>
    public static SyncMessage Label(string name) =>
        name.StartsWith('#') && name.Length > 1 ? OrderMessages.Reference.With(("number", name[1..])) : CsvMessages.OrderName.With(("name", name));

}

/// <summary>One order read from the file, or the problems that kept it from being read; UpdatedAt when its times could be read.</summary>
internal sealed record OrderRead(StoreOrder? Order, IReadOnlyList<SourceProblem> Problems, DateTimeOffset? UpdatedAt);
