using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StoreBooks.Shopify.Http;

/// <summary>One REST page: the body and the address of the next page (from the <c>Link</c> header), if any.</summary>
internal sealed record ShopifyPage(JsonDocument Body, Uri? Next) : IDisposable
{
    public void Dispose() => Body.Dispose();
}

/// <summary>
/// The Shopify Admin API for one shop, with every rule about retrying in this one place: the REST leaky bucket is waited
/// for before each call and corrected from each answer; a 429 is waited out for its <c>Retry-After</c>; reads answered 5xx
/// (or not answered) are tried again with a doubling pause; GraphQL queries wait for their cost and are retried when
/// THROTTLED. A refused token or scope is a <see cref="ShopifyAccessDeniedException"/> with what to do about it.
/// </summary>
internal sealed class ShopifyClient
{
    private const string Scopes = "read_orders, read_products, read_customers and read_inventory (and read_all_orders for orders older than 60 days)";

    private readonly HttpClient _http;
    private readonly ShopifySourceOptions _options;
    private readonly ShopifyCallBucket _bucket;
    private readonly ShopifyQueryBudget _budget;
    private readonly TimeProvider _time;

    public ShopifyClient(HttpClient http, ShopifySourceOptions options, ShopifyRateLimits limits)
    {
        _http = http;
        _options = options;
        _time = limits.Time;
        _bucket = limits.Rest(options.ShopDomain, options.RestLeakPerSecond);
        _budget = limits.GraphQL(options.ShopDomain);
        ApiRoot = new Uri(options.Root, $"admin/api/{options.ApiVersion}/");
    }

    /// <summary><c>{root}/admin/api/{version}/</c>.</summary>
    public Uri ApiRoot { get; }

    public ShopifySourceOptions Options => _options;

    public TimeProvider Time => _time;

    /// <summary>
    /// GETs a file Shopify handed out (a bulk operation's signed storage URL) WITHOUT the access token, which must never go
    /// to that host, and returns as soon as the headers are in: the caller streams the body. Unanswered calls and 5xx are
    /// retried like reads.
    /// </summary>
    public async Task<HttpResponseMessage> OpenFileAsync(Uri url, CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (failures >= _options.MaxAttempts)
                {
                    throw new ShopifyApiException($"Shopify's file at {url.GetLeftPart(UriPartial.Path)} did not answer after {failures} tries ({e.Message}). Check the network, then sync again.", null, e);
                }

                await PauseAsync(failures, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = response.StatusCode;
            response.Dispose();
            if ((int)status < 500 || failures >= _options.MaxAttempts)
            {
                throw new ShopifyApiException($"Shopify's file at {url.GetLeftPart(UriPartial.Path)} answered {(int)status}; the sync stops here and the next run starts the export again.", status);
            }

            await PauseAsync(failures, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The shop's GraphQL points, as last observed.</summary>
    public ShopifyQueryBudget Budget => _budget;

    /// <summary>
    /// GETs a REST path (relative to <see cref="ApiRoot"/>) or a <c>Link</c> address. A 404 is null when
    /// <paramref name="missingIsNull"/> (a record deleted meanwhile), else an error naming the shop and API version.
    /// </summary>
    public async Task<ShopifyPage?> GetAsync(string pathOrUrl, CancellationToken cancellationToken, bool missingIsNull = false)
    {
        var url = Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) ? absolute : new Uri(ApiRoot, pathOrUrl);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), rest: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && missingIsNull)
        {
            return null;
        }

        await EnsureSuccessAsync(response, url, cancellationToken).ConfigureAwait(false);
        var body = await ReadJsonAsync(response, url, cancellationToken).ConfigureAwait(false);
        return new ShopifyPage(body, LinkHeader.Next(response.Headers.TryGetValues("Link", out var links) ? links : null));
    }

    /// <summary>
    /// Runs a GraphQL query and returns its <c>data</c>. It waits for the query's cost (known after the first answer) and
    /// waits out THROTTLED answers. Queries only read, so a 5xx is retried like a REST read.
    /// </summary>
    public async Task<JsonElement> QueryAsync(string document, JsonObject variables, int expectedCost, CancellationToken cancellationToken)
    {
        var url = new Uri(ApiRoot, "graphql.json");
        var body = new JsonObject { ["query"] = document, ["variables"] = variables.DeepClone() }.ToJsonString();
        for (var throttled = 0; ; throttled++)
        {
            await _budget.WaitForAsync(expectedCost, cancellationToken).ConfigureAwait(false);
            using var response = await SendAsync(
                () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
                rest: false,
                cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, url, cancellationToken).ConfigureAwait(false);
            using var json = await ReadJsonAsync(response, url, cancellationToken).ConfigureAwait(false);
            var root = json.RootElement;
            var isThrottled = FirstErrorCode(root) == "THROTTLED";
            var requested = ObserveCost(root, isThrottled);
            if (isThrottled)
            {
                if (requested is { } cost && _budget.MaximumAvailable is { } maximum && cost > maximum)
                {
                    throw new ShopifyQueryTooCostlyException(cost, maximum);
                }

                if (throttled + 1 >= _options.MaxThrottledAnswers)
                {
                    throw new ShopifyApiException($"Shopify throttled {throttled + 1} GraphQL queries in a row for {_options.ShopDomain}; the sync stops here and the next run goes on.");
                }

                expectedCost = requested ?? expectedCost;
                continue;
            }

            if (ErrorCodes(root).Contains("MAX_COST_EXCEEDED"))
            {
                throw new ShopifyQueryTooCostlyException(requested ?? expectedCost, null);
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var messages = string.Join("; ", errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString() : e.ToString()));
                if (ErrorCodes(root).Contains("ACCESS_DENIED"))
                {
                    throw new ShopifyAccessDeniedException($"Shopify denied a GraphQL query on {_options.ShopDomain}: {messages}. Give the custom app the scopes {Scopes}, then connect again.", HttpStatusCode.Forbidden);
                }

                throw new ShopifyApiException($"Shopify refused a GraphQL query on {_options.ShopDomain}: {messages}");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new ShopifyApiException($"Shopify's GraphQL answer from {_options.ShopDomain} has no data.");
            }

            return data.Clone();
        }
    }

    /// <summary>Sends with the retry rules; the caller owns the returned response (never a 429, 5xx only after the last try).</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, bool rest, CancellationToken cancellationToken)
    {
        var failures = 0;
        var throttled = 0;
        while (true)
        {
            if (rest)
            {
                await _bucket.TakeAsync(cancellationToken).ConfigureAwait(false);
            }

            using var request = build();
            request.Headers.Add("X-Shopify-Access-Token", _options.AccessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (++failures >= _options.MaxAttempts)
                {
                    throw new ShopifyApiException($"Shopify at {request.RequestUri?.GetLeftPart(UriPartial.Authority)} did not answer after {failures} tries ({e.Message}). Check the network or the shop address, then sync again.", null, e);
                }

                await PauseAsync(failures, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (rest)
            {
                _bucket.Observe(response.Headers.TryGetValues("X-Shopify-Shop-Api-Call-Limit", out var limit) ? limit.FirstOrDefault() : null);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response);
                response.Dispose();
                if (rest)
                {
                    _bucket.Overflowed();
                }

                if (++throttled >= _options.MaxThrottledAnswers)
                {
                    throw new ShopifyApiException($"Shopify answered 429 (too many requests) {throttled} times in a row for {_options.ShopDomain}; the sync stops here and the next run goes on.", HttpStatusCode.TooManyRequests);
                }

                await Task.Delay(retryAfter, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if ((int)response.StatusCode >= 500 && ++failures < _options.MaxAttempts)
            {
                response.Dispose();
                await PauseAsync(failures, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }
    }

    private Task PauseAsync(int failures, CancellationToken cancellationToken) =>
        Task.Delay(_options.RetryDelay * Math.Pow(2, failures - 1), _time, cancellationToken);

    /// <summary>Shopify sends <c>Retry-After: 2.0</c> (seconds, a decimal); 2 seconds when absent.</summary>
    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.FromSeconds(2);
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var errors = await ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var shop = _options.ShopDomain;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                throw new ShopifyAccessDeniedException(
                    $"Shopify refused the access token for {shop} (401: {errors}). Copy the Admin API access token of the shop's custom app " +
                    $"(Settings → Apps and sales channels → Develop apps → API credentials) and run: storebooks connect shopify --shop {shop} --token TOKEN",
                    response.StatusCode);
            case HttpStatusCode.Forbidden:
                throw new ShopifyAccessDeniedException(
                    $"Shopify's access token for {shop} may not read {url.AbsolutePath} (403: {errors}). Give the custom app the scopes {Scopes}, then connect again.",
                    response.StatusCode);
            case HttpStatusCode.NotFound:
                throw new ShopifyApiException($"Shopify answered 404 for {url.AbsolutePath} on {shop}: check the shop domain and the API version {_options.ApiVersion}.", response.StatusCode);
            default:
                throw new ShopifyApiException(
                    status >= 500
                        ? $"Shopify answered {status} to {url.AbsolutePath} on {shop} {_options.MaxAttempts} times ({errors}); the sync stops here and the next run goes on."
                        : $"Shopify refused {url.AbsolutePath} on {shop} ({status}: {errors}).",
                    response.StatusCode);
        }
    }

    /// <summary>Shopify's <c>errors</c> member as one line: a string, a list, or field → messages.</summary>
    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var errors = JsonNode.Parse(text)?["errors"];
            return errors switch
            {
                JsonValue value => value.ToString(),
                JsonArray list => string.Join("; ", list.Select(e => e?.ToString())),
                JsonObject fields => string.Join("; ", fields.Select(f => $"{f.Key} {f.Value}")),
                _ => text.Length > 200 ? text[..200] : text,
            };
        }
        catch (JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }

    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new ShopifyApiException($"Shopify's answer to {url.AbsolutePath} on {_options.ShopDomain} is not JSON: {e.Message}", response.StatusCode, e);
            }
        }
    }

    private static string? FirstErrorCode(JsonElement root) => ErrorCodes(root).FirstOrDefault();

    private static List<string> ErrorCodes(JsonElement root)
    {
        var codes = new List<string>();
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("extensions", out var ext) && ext.ValueKind == JsonValueKind.Object
                    && ext.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                {
                    codes.Add(code.GetString()!);
                }
            }
        }

        return codes;
    }

    /// <summary>Feeds <c>extensions.cost</c> to the budget; returns the query's requested cost.</summary>
    private int? ObserveCost(JsonElement root, bool throttled)
    {
        if (!root.TryGetProperty("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object
            || !extensions.TryGetProperty("cost", out var cost) || cost.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        int? requested = cost.TryGetProperty("requestedQueryCost", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : null;
        if (cost.TryGetProperty("throttleStatus", out var status) && status.ValueKind == JsonValueKind.Object
            && status.TryGetProperty("maximumAvailable", out var max) && status.TryGetProperty("currentlyAvailable", out var available)
            && status.TryGetProperty("restoreRate", out var rate))
        {
            _budget.Observe(max.GetDouble(), available.GetDouble(), rate.GetDouble(), throttled);
        }

        return requested;
    }
}

/// <summary>
/// A GraphQL query costs more points than one query may (MAX_COST_EXCEEDED) or than the shop's whole budget holds: it can
/// never run as asked, only smaller.
/// </summary>
internal sealed class ShopifyQueryTooCostlyException(int cost, double? maximum)
    : ShopifyApiException(maximum is { } max
        ? $"A query costing {cost} points cannot run on a shop whose GraphQL budget holds {max}."
        : $"A query costing {cost} points is above Shopify's limit for one query.")
{
    public int Cost { get; } = cost;
}
