using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Batch;
using StoreBooks.QuickBooks.Cdc;
using StoreBooks.QuickBooks.Company;
using StoreBooks.QuickBooks.CreditMemos;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.QuickBooks.Entities;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.Json;
using StoreBooks.QuickBooks.PaymentMethods;
using StoreBooks.QuickBooks.Payments;
using StoreBooks.QuickBooks.Queries;
using StoreBooks.QuickBooks.RefundReceipts;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.QuickBooks.TaxCodes;
using StoreBooks.QuickBooks.TaxRates;

namespace StoreBooks.QuickBooks;

/// <summary>
/// StoreBooks' client for one QuickBooks Online company: one property per resource (<c>client.Items.CreateAsync(...)</c>),
/// queries, batch and change data capture. Every call carries <c>minorversion</c>; writes carry the caller's requestid;
/// limits, retries, token refresh and logging happen in the handler chain (<see cref="QboHttpPipeline"/>).
/// </summary>
public sealed class QboClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _companyRoot;

    public QboClient(QboClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.RealmId);
        Options = options;
        var logger = (ILogger?)options.LoggerFactory?.CreateLogger("StoreBooks.QuickBooks") ?? NullLogger.Instance;
        _http = new HttpClient(QboHttpPipeline.Create(options.Tokens, options.Limits, options.Retry, logger, options.Time, options.NetworkHandler), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _companyRoot = new Uri(options.Environment.ApiBaseUrl, $"v3/company/{Uri.EscapeDataString(options.RealmId)}/").AbsoluteUri;

        Items = new ItemService(this);
        Accounts = new QboNameListService<Account>(this);
        Customers = new CustomerService(this);
        PaymentMethods = new QboNameListService<PaymentMethod>(this);
        TaxCodes = new QboReadService<TaxCode>(this);
        TaxRates = new QboReadService<TaxRate>(this);
        SalesReceipts = new QboTransactionService<SalesReceipt>(this, QboVoidStyle.SparseUpdateIncludeVoid);
        Invoices = new QboTransactionService<Invoice>(this, QboVoidStyle.OperationVoid);
        Payments = new QboTransactionService<Payment>(this, QboVoidStyle.SparseUpdateIncludeVoid);
        RefundReceipts = new QboTransactionService<RefundReceipt>(this, QboVoidStyle.None);
        CreditMemos = new QboTransactionService<CreditMemo>(this, QboVoidStyle.None);
        Deposits = new QboTransactionService<Deposit>(this, QboVoidStyle.None);
        Query = new QboQueryService(this);
        Batch = new QboBatchService(this);
        ChangeData = new QboChangeDataService(this);
    }

    public QboClientOptions Options { get; }

    public string RealmId => Options.RealmId;

    public ItemService Items { get; }

    public QboNameListService<Account> Accounts { get; }

    public CustomerService Customers { get; }

    public QboNameListService<PaymentMethod> PaymentMethods { get; }

    public QboReadService<TaxCode> TaxCodes { get; }

    public QboReadService<TaxRate> TaxRates { get; }

    public QboTransactionService<SalesReceipt> SalesReceipts { get; }

    public QboTransactionService<Invoice> Invoices { get; }

    public QboTransactionService<Payment> Payments { get; }

    public QboTransactionService<RefundReceipt> RefundReceipts { get; }

    public QboTransactionService<CreditMemo> CreditMemos { get; }

    public QboTransactionService<Deposit> Deposits { get; }

    public QboQueryService Query { get; }

    public QboBatchService Batch { get; }

    public QboChangeDataService ChangeData { get; }

    /// <summary>The company's settings (<c>GET /preferences</c>).</summary>
    public async Task<Preferences> GetPreferencesAsync(CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(HttpMethod.Get, "preferences", null, null, new QboCall(RealmId, "Preferences", "read", true, null), cancellationToken).ConfigureAwait(false);
        return ReadEntity(document.RootElement, QboJson.TypeInfo<Preferences>(), "Preferences", "read Preferences");
    }

    /// <summary>The company itself (<c>GET /companyinfo/{realmId}</c>).</summary>
    public async Task<CompanyInfo> GetCompanyInfoAsync(CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(HttpMethod.Get, $"companyinfo/{Uri.EscapeDataString(RealmId)}", null, null, new QboCall(RealmId, "CompanyInfo", "read", true, null), cancellationToken).ConfigureAwait(false);
        return ReadEntity(document.RootElement, QboJson.TypeInfo<CompanyInfo>(), "CompanyInfo", "read CompanyInfo");
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Sends one Accounting API request below <c>/v3/company/{realm}/</c> and returns the parsed body; throws a
    /// <see cref="QboException"/> subclass for a fault (also a fault inside a 200).
    /// </summary>
    internal async Task<JsonDocument> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? query, HttpContent? content, QboCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, BuildUrl(path, query, call.RequestId)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        call.AttachTo(request);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException)
        {
            var retried = call.IsReplayable ? $" after {Options.Retry.MaxRetryAttempts + 1} attempts" : " (not retried: a write without a requestid)";
            throw new QboSystemException(call.ToString(), null, new QboFault(null, [new QboError(null, "No response from QuickBooks", $"{e.GetType().Name}: {e.Message}{retried}", null)]), null, e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var tid = QboLoggingHandler.IntuitTid(response);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var fault = QboFaultReader.Read(body) ?? new QboFault(null, [new QboError(null, $"HTTP {status} {response.ReasonPhrase}", Snippet(body), null)]);
                var kind = QboErrorClassifier.Classify(status, fault.Errors.FirstOrDefault()?.NumericCode);
                throw QboException.Create(kind, call.ToString(), status, fault, tid);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                throw new QboSystemException(call.ToString(), status, new QboFault(null, [new QboError(null, "The response is not JSON", Snippet(body), null)]), tid, e);
            }

            if (QboFaultReader.Read(document.RootElement) is { } inline)
            {
                document.Dispose();
                throw QboException.Create(QboErrorClassifier.Classify(status, inline.Errors.FirstOrDefault()?.NumericCode), call.ToString(), status, inline, tid);
            }

            return document;
        }
    }

    internal static T ReadEntity<T>(JsonElement envelope, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string entityName, string operation)
    {
        if (envelope.ValueKind != JsonValueKind.Object || !envelope.TryGetProperty(entityName, out var element))
        {
            throw new QboSystemException(operation, 200, new QboFault(null, [new QboError(null, $"The response has no '{entityName}' object", Snippet(Encoding.UTF8.GetBytes(envelope.GetRawText())), null)]), null);
        }

        return element.Deserialize(typeInfo) ?? throw new QboSystemException(operation, 200, null, null);
    }

    internal static ByteArrayContent JsonContent<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    internal static ByteArrayContent JsonContent(System.Text.Json.Nodes.JsonNode node)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(node.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private Uri BuildUrl(string path, IEnumerable<KeyValuePair<string, string>>? query, string? requestId)
    {
        var url = new StringBuilder(_companyRoot).Append(path).Append("?minorversion=").Append(Options.MinorVersion);
        foreach (var (name, value) in query ?? [])
        {
            url.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            url.Append("&requestid=").Append(Uri.EscapeDataString(requestId));
        }

        return new Uri(url.ToString());
    }

    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Trim();
        return text.Length == 0 ? "(empty body)" : text;
    }
}
