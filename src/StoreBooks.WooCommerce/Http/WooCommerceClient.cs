using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StoreBooks.WooCommerce.Http;

/// <summary>One list page: the body and WordPress's <c>X-WP-Total</c> and <c>X-WP-TotalPages</c>.</summary>
internal sealed record WooPage(JsonDocument Body, int Total, int TotalPages) : IDisposable
{
    public void Dispose() => Body.Dispose();
}

/// <summary>
/// The WooCommerce REST API v3 of one site, with the rules about retrying in this one place: every request is signed afresh
/// (OAuth 1.0a over HTTP, a new nonce and timestamp each time; Basic over HTTPS); reads answered 5xx, 429 or not answered are
/// tried again with a doubling pause (a 429's <c>Retry-After</c> wins); a refused key is a
/// <see cref="WooCommerceAccessDeniedException"/> saying what to do.
/// </summary>
internal sealed class WooCommerceClient(HttpClient http, WooCommerceSourceOptions options, TimeProvider time)
{
    /// <summary>GETs a path relative to <c>/wp-json/wc/v3/</c>; null on 404 when <paramref name="missingIsNull"/> (a record deleted meanwhile).</summary>
    public async Task<WooPage?> GetAsync(string path, CancellationToken cancellationToken, bool missingIsNull = false)
    {
        var url = new Uri(options.ApiRoot, path);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, options.UsesOAuth ? OAuth1Signer.Sign(HttpMethod.Get, url, options.ConsumerKey, options.ConsumerSecret, time.GetUtcNow()) : url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (!options.UsesOAuth)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ConsumerKey}:{options.ConsumerSecret}")));
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (attempt >= options.MaxAttempts)
                {
                    throw new WooCommerceApiException($"The WooCommerce site {options.SiteUrl} did not answer after {attempt} tries ({e.Message}). Check the network or the site address, then sync again.", null, null, e);
                }

                await Task.Delay(Pause(attempt, null), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if ((status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests) && attempt < options.MaxAttempts)
                {
                    await Task.Delay(Pause(attempt, response.Headers.RetryAfter?.Delta), time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.NotFound && missingIsNull)
                {
                    return null;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw await ErrorAsync(response, url, attempt, cancellationToken).ConfigureAwait(false);
                }

                var body = await ReadJsonAsync(response, url, cancellationToken).ConfigureAwait(false);
                return new WooPage(body, Header(response, "X-WP-Total"), Header(response, "X-WP-TotalPages"));
            }
        }
    }

    private TimeSpan Pause(int attempt, TimeSpan? retryAfter) => retryAfter ?? options.RetryDelay * Math.Pow(2, attempt - 1);

    private static int Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private async Task<WooCommerceApiException> ErrorAsync(HttpResponseMessage response, Uri url, int attempts, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? code = null;
        var message = text.Length > 200 ? text[..200] : text;
        try
        {
            if (JsonNode.Parse(text) is JsonObject error)
            {
                code = (string?)error["code"];
                message = (string?)error["message"] ?? message;
            }
        }
        catch (JsonException)
        {
            // Not WooCommerce's JSON error (a proxy's page): its text is shown as it is.
        }

        var site = options.SiteUrl.AbsoluteUri.TrimEnd('/');
        var status = (int)response.StatusCode;
        var said = code is null ? $"{status}: {message}" : $"{status} {code}: {message}";
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var fix = message.Contains("permission", StringComparison.OrdinalIgnoreCase)
                ? "Give the key Read (or Read/Write) permission in WooCommerce → Settings → Advanced → REST API, or create one that has it"
                : "Check the key and secret in WooCommerce → Settings → Advanced → REST API (create a key with Read permission if needed)";
            return new WooCommerceAccessDeniedException(
                $"The WooCommerce site {site} refused the API key {options.ConsumerKey} ({said}). {fix}, then run: " +
                $"storebooks connect woocommerce --url {site} --key ck_… --secret cs_…",
                response.StatusCode,
                code);
        }

        if (response.StatusCode == HttpStatusCode.NotFound && code is "rest_no_route" or null)
        {
            return new WooCommerceApiException(
                $"{site} has no WooCommerce REST API at {url.AbsolutePath} ({said}). Check the site address, that WooCommerce is active, and that permalinks are not \"Plain\".",
                response.StatusCode,
                code);
        }

        return new WooCommerceApiException(
            status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                ? $"The WooCommerce site {site} answered {said} to {url.AbsolutePath} {attempts} times; the sync stops here and the next run goes on."
                : $"The WooCommerce site {site} refused {url.AbsolutePath} ({said}).",
            response.StatusCode,
            code);
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
                throw new WooCommerceApiException($"The answer of {options.SiteUrl.AbsoluteUri.TrimEnd('/')} to {url.AbsolutePath} is not JSON ({e.Message}); a plugin or the host may be adding text to it.", response.StatusCode, null, e);
            }
        }
    }
}
