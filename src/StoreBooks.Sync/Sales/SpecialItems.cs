using System.Collections.Concurrent;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Items;
using StoreBooks.Sync.Company;

namespace StoreBooks.Sync.Sales;

/// <summary>The items that carry what is not a product on a document.</summary>
public enum SpecialItem
{
    Shipping,
    Fees,
    Tips,
    Duties,
    GiftCards,
    Rounding,
    SalesTax,
    NotRestocked,
    RefundAdjustment,
}

/// <summary>
/// The service items for shipping, fees, tips, duties, gift cards, rounding, US sales tax collected and refunds: the one named in
/// the settings when QuickBooks has it (its accounts untouched), else created once by StoreBooks with a fitting account — income
/// for shipping and fees, a liability for gift cards, tips, duties and collected tax (created when the company has none; duties
/// on <c>sales.dutiesAccount</c> when set), refunds to the company's refunds account. Creations go through links, so they happen once.
/// </summary>
public sealed class SpecialItems
{
    private readonly SyncContext _context;
    private readonly LinkedWrite _writes;
    private readonly ConcurrentDictionary<SpecialItem, Lazy<Task<Ref>>> _items = new();

    public SpecialItems(SyncContext context, LinkedWrite writes)
    {
        _context = context;
        _writes = writes;
    }

    public Task<Ref> GetAsync(SpecialItem kind, CancellationToken cancellationToken) =>
        _items.GetOrAdd(kind, k => new Lazy<Task<Ref>>(() => ResolveAsync(k, cancellationToken))).Value;

    private async Task<Ref> ResolveAsync(SpecialItem kind, CancellationToken cancellationToken)
    {
        var name = NameOf(kind);
        var catalog = await _context.ItemsAsync(cancellationToken).ConfigureAwait(false);
        var existing = catalog.Get(name) is { Active: not false } byId ? byId : catalog.WithName(name).FirstOrDefault(i => i.Active != false);
        if (existing?.Id is { } id)
        {
            return Ref.To(id, existing.Name);
        }

        var account = await AccountForAsync(kind, cancellationToken).ConfigureAwait(false);
        var itemName = ItemNames.Clean(name);
        var created = await _writes.EnsureAsync(LinkKind.Item, $"storebooks:{kind}", async (requestId, ct) =>
        {
            var item = await _context.Qbo.Items.CreateAsync(new Item
            {
                Name = itemName,
                Type = ItemTypes.Service,
                IncomeAccountRef = Ref.To(account),
                Description = Description(kind),
            }, QboRequestOptions.WithRequestId(requestId), ct).ConfigureAwait(false);
            catalog.Add(item);
            return (item.Id!, item.SyncToken);
        }, cancellationToken).ConfigureAwait(false);
        return Ref.To(created, itemName);
    }

    private string NameOf(SpecialItem kind)
    {
        var sales = _context.Settings.Sales;
        return kind switch
        {
            SpecialItem.Shipping => sales.ShippingItem,
            SpecialItem.Fees => sales.FeesItem,
            SpecialItem.Tips => sales.TipsItem,
            SpecialItem.Duties => sales.DutiesItem,
            SpecialItem.GiftCards => sales.GiftCardItem,
            SpecialItem.Rounding => sales.RoundingItem,
            SpecialItem.SalesTax => sales.SalesTaxItem,
            SpecialItem.NotRestocked => sales.NotRestockedItem,
            _ => "Refund adjustments",
        };
    }

    private static string Description(SpecialItem kind) => kind switch
    {
        SpecialItem.Shipping => "Shipping charged on store orders (created by StoreBooks)",
        SpecialItem.Fees => "Fees charged on store orders (created by StoreBooks)",
        SpecialItem.Tips => "Tips received on store orders, owed onwards (created by StoreBooks)",
        SpecialItem.Duties => "Import duties paid by buyers, passed on to customs (created by StoreBooks)",
        SpecialItem.GiftCards => "Gift cards sold and redeemed: a liability until used (created by StoreBooks)",
        SpecialItem.Rounding => "Rounding difference between the store's arithmetic and QuickBooks' (created by StoreBooks)",
        SpecialItem.SalesTax => "Sales tax the store collected (created by StoreBooks)",
        SpecialItem.NotRestocked => "Refunded goods that did not return to stock (created by StoreBooks)",
        _ => "Refunded amounts that are not goods or shipping (created by StoreBooks)",
    };

    private async Task<string> AccountForAsync(SpecialItem kind, CancellationToken cancellationToken)
    {
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        return kind switch
        {
            SpecialItem.GiftCards => await LiabilityAsync(company, "Gift card liability", null, cancellationToken).ConfigureAwait(false),
            SpecialItem.Tips => await LiabilityAsync(company, "Tips payable", null, cancellationToken).ConfigureAwait(false),
            SpecialItem.Duties => company.FindAccount(_context.Settings.Sales.DutiesAccount)?.Id
                ?? await LiabilityAsync(company, "Duties collected", null, cancellationToken).ConfigureAwait(false),
            SpecialItem.SalesTax => await LiabilityAsync(company, "Sales tax collected", "GlobalTaxPayable", cancellationToken).ConfigureAwait(false),
            SpecialItem.NotRestocked or SpecialItem.RefundAdjustment => Income(company, "DiscountsRefundsGiven"),
            _ => Income(company, null),
        };
    }

    /// <summary>The products' income account when set, else an income account of the sub-type, else the first income account.</summary>
    private string Income(QuickBooksCompany company, string? subType)
    {
        var active = company.Accounts.Where(a => a.Active != false && a.AccountType == "Income").ToList();
        var chosen = (subType is null ? company.FindAccount(_context.Settings.Products.IncomeAccount) : null)
            ?? active.FirstOrDefault(a => subType is not null && a.AccountSubType == subType)
            ?? active.FirstOrDefault(a => a.AccountSubType == "SalesOfProductIncome")
            ?? active.FirstOrDefault()
            ?? throw new InvalidOperationException("The QuickBooks company has no active Income account; create one in QuickBooks.");
        return chosen.Id!;
    }

    private async Task<string> LiabilityAsync(QuickBooksCompany company, string name, string? preferredSubType, CancellationToken cancellationToken)
    {
        var liabilities = company.Accounts.Where(a => a.Active != false && a.AccountType == "Other Current Liability").ToList();
        var found = liabilities.FirstOrDefault(a => MatchKeys.Same(a.Name, name))
            ?? (preferredSubType is null ? null : liabilities.FirstOrDefault(a => a.AccountSubType == preferredSubType));
        if (found?.Id is { } id)
        {
            return id;
        }

        return await _writes.EnsureAsync(LinkKind.Account, $"storebooks:{name}", async (requestId, ct) =>
        {
            var account = await _context.Qbo.Accounts.CreateAsync(new Account
            {
                Name = name,
                AccountType = "Other Current Liability",
                AccountSubType = "OtherCurrentLiabilities",
                Description = "Created by StoreBooks",
            }, QboRequestOptions.WithRequestId(requestId), ct).ConfigureAwait(false);
            return (account.Id!, account.SyncToken);
        }, cancellationToken).ConfigureAwait(false);
    }
}
