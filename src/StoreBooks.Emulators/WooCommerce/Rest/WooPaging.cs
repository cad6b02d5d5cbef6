using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Http;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.WooCommerce.Rest;

/// <summary>WordPress REST paging: <c>page</c> (1-based), <c>per_page</c> 1–100 (default 10), <c>offset</c>; <c>X-WP-Total</c>, <c>X-WP-TotalPages</c> and <c>Link</c>.</summary>
internal static class WooPaging
{
    public static IResult InvalidParam(string name, string message) => StoreJson.Result(new JsonObject
    {
        ["code"] = "rest_invalid_param",
        ["message"] = $"Invalid parameter(s): {name}",
        ["data"] = new JsonObject { ["status"] = 400, ["params"] = new JsonObject { [name] = message } },
    }, 400);

    public static IResult Error(int status, string code, string message) =>
        StoreJson.Result(new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = status } }, status);

    /// <summary>One page of <paramref name="items"/> as a bare JSON array, with the paging headers; or a 400.</summary>
    public static IResult Page<T>(HttpContext context, IReadOnlyList<T> items, Func<T, JsonNode> render)
    {
        var query = context.Request.Query;
        var perPage = 10;
        var perText = Last(context, "per_page");
        if (perText is not null
            && (!int.TryParse(perText, NumberStyles.Integer, CultureInfo.InvariantCulture, out perPage) || perPage < 1 || perPage > 100))
        {
            return InvalidParam("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
        }

        var page = 1;
        var pageText = Last(context, "page");
        if (pageText is not null && (!int.TryParse(pageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return InvalidParam("page", "page must be greater than or equal to 1");
        }

        var offset = Last(context, "offset") is { } offsetText && int.TryParse(offsetText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) && o >= 0
            ? o
            : (page - 1) * perPage;
        var total = items.Count;
        var totalPages = (int)Math.Ceiling(total / (double)perPage);
        if (page > totalPages && total > 0 && !query.ContainsKey("offset"))
        {
            return Error(400, "rest_post_invalid_page_number", "The page number requested is larger than the number of pages available.");
        }

        var headers = context.Response.Headers;
        headers["X-WP-Total"] = total.ToString(CultureInfo.InvariantCulture);
        headers["X-WP-TotalPages"] = totalPages.ToString(CultureInfo.InvariantCulture);
        headers.AccessControlExposeHeaders = "X-WP-Total, X-WP-TotalPages, Link";
        var links = new List<string>();
        if (page > 1)
        {
            links.Add($"<{Url(context, page - 1)}>; rel=\"prev\"");
        }

        if (page < totalPages)
        {
            links.Add($"<{Url(context, page + 1)}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            headers.Link = string.Join(", ", links);
        }

        var array = new JsonArray();
        for (var i = offset; i < Math.Min(total, offset + perPage); i++)
        {
            array.Add(render(items[i]));
        }

        return StoreJson.Result(array);
    }

    /// <summary>The same request with another <c>page</c>, without OAuth or key parameters.</summary>
    private static string Url(HttpContext context, int page)
    {
        var r = context.Request;
        var url = new StringBuilder($"{r.Scheme}://{r.Host}{r.PathBase}{r.Path}?");
        foreach (var (key, value) in r.Query)
        {
            if (key is "page" or "consumer_key" or "consumer_secret" || key.StartsWith("oauth_", StringComparison.Ordinal))
            {
                continue;
            }

            url.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value[^1] ?? "")).Append('&');
        }

        return url.Append("page=").Append(page.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>Values of a list parameter sent as <c>a,b</c>, <c>x[]=a&amp;x[]=b</c> or repeated.</summary>
    public static List<string> ListParam(HttpContext context, string name)
    {
        var query = context.Request.Query;
        var values = query[name].Concat(query[name + "[]"]).Where(v => !string.IsNullOrEmpty(v));
        return [.. values.SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A list of ids (<c>include</c>, <c>exclude</c>); anything but integers is WordPress's 400 <c>rest_invalid_param</c>,
    /// "include[0] is not of type integer.", thrown for the endpoint to answer.
    /// </summary>
    public static HashSet<long> IdListParam(HttpContext context, string name)
    {
        var ids = new HashSet<long>();
        var values = ListParam(context, name);
        for (var i = 0; i < values.Count; i++)
        {
            if (!long.TryParse(values[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                throw new RejectedRequestException(400, new JsonObject
                {
                    ["code"] = "rest_invalid_param",
                    ["message"] = $"Invalid parameter(s): {name}",
                    ["data"] = new JsonObject { ["status"] = 400, ["params"] = new JsonObject { [name] = $"{name}[{i}] is not of type integer." } },
                });
            }

            ids.Add(id);
        }

        return ids;
    }

    public static string? Last(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[^1]) ? v[^1] : null;
}
