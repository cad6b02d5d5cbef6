using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Company;
using StoreBooks.QuickBooks.CreditMemos;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.QuickBooks.PaymentMethods;
using StoreBooks.QuickBooks.Payments;
using StoreBooks.QuickBooks.RefundReceipts;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.QuickBooks.TaxCodes;
using StoreBooks.QuickBooks.TaxRates;
using StoreBooks.QuickBooks.Webhooks;

namespace StoreBooks.QuickBooks.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for every type the client reads or writes. Null fields are omitted on
/// write (QBO treats a sent null as "clear"); unknown fields are kept in <c>AdditionalProperties</c>; money is decimal.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(SalesReceipt))]
[JsonSerializable(typeof(Invoice))]
[JsonSerializable(typeof(Payment))]
[JsonSerializable(typeof(RefundReceipt))]
[JsonSerializable(typeof(CreditMemo))]
[JsonSerializable(typeof(Deposit))]
[JsonSerializable(typeof(TaxCode))]
[JsonSerializable(typeof(TaxRate))]
[JsonSerializable(typeof(PaymentMethod))]
[JsonSerializable(typeof(Preferences))]
[JsonSerializable(typeof(CompanyInfo))]
[JsonSerializable(typeof(QboTokenResponse))]
[JsonSerializable(typeof(QboOAuthErrorResponse))]
[JsonSerializable(typeof(QboOAuthEndpoints))]
[JsonSerializable(typeof(QboTokenSet))]
[JsonSerializable(typeof(QboWebhookPayload))]
[JsonSerializable(typeof(IReadOnlyList<QboCloudEvent>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class QboJsonContext : JsonSerializerContext
{
}

/// <summary>Typed access to the generated metadata.</summary>
internal static class QboJson
{
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>?)QboJsonContext.Default.GetTypeInfo(typeof(T))
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(QboJsonContext)}.");
}
