using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Company;
using StoreBooks.QuickBooks.CreditMemos;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.PaymentMethods;
using StoreBooks.QuickBooks.Payments;
using StoreBooks.QuickBooks.RefundReceipts;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.QuickBooks.TaxCodes;
using StoreBooks.QuickBooks.TaxRates;

namespace StoreBooks.QuickBooks.Entities;

/// <summary>QBO's name of each modelled entity, as used in envelopes, queries and batch items ("SalesReceipt").</summary>
public static class QboEntityNames
{
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(Item)] = "Item",
        [typeof(Account)] = "Account",
        [typeof(Customer)] = "Customer",
        [typeof(SalesReceipt)] = "SalesReceipt",
        [typeof(Invoice)] = "Invoice",
        [typeof(Payment)] = "Payment",
        [typeof(RefundReceipt)] = "RefundReceipt",
        [typeof(CreditMemo)] = "CreditMemo",
        [typeof(Deposit)] = "Deposit",
        [typeof(TaxCode)] = "TaxCode",
        [typeof(TaxRate)] = "TaxRate",
        [typeof(PaymentMethod)] = "PaymentMethod",
        [typeof(Preferences)] = "Preferences",
        [typeof(CompanyInfo)] = "CompanyInfo",
    };

    public static string Of<T>() => Of(typeof(T));

    public static string Of(Type type) =>
        Names.TryGetValue(type, out var name) ? name : throw new ArgumentException($"{type.Name} is not a QBO entity this client models.", nameof(type));

    /// <summary>The entity a request path ends with (<c>…/salesreceipt</c> → SalesReceipt); null for any other path (query, batch, cdc).</summary>
    public static string? FromPath(string path)
    {
        var last = path[(path.LastIndexOf('/') + 1)..];
        return Names.Values.FirstOrDefault(n => string.Equals(n, last, StringComparison.OrdinalIgnoreCase));
    }
}
