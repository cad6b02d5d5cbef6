using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>
/// Shopify's REST cursor paging: <c>limit</c> (default 50, at most 250), an opaque <c>page_info</c> that carries the filters
/// of the first request, no other filter allowed beside it, and <c>Link</c> rel="previous"/rel="next" headers.
/// </summary>
internal static class RestPaging
{
    private static readonly HashSet<string> AllowedWithPageInfo = new(StringComparer.Ordinal) { "limit", "page_info", "fields" };

    public static bool TryRead(HttpContext context, out PageRequest request, out IResult? error)
    {
        request = null!;
        error = null;
        var query = context.Request.Query;
        var limit = 50;
        if (query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 250)
            {
                error = StoreJson.Result(new JsonObject { ["errors"] = new JsonObject { ["limit"] = "must be between 1 and 250" } }, 400);
                return false;
            }
        }

        var fields = query.TryGetValue("fields", out var f) ? f.ToString() : null;
        if (query.TryGetValue("page_info", out var pageInfo))
        {
            var extra = query.Keys.FirstOrDefault(k => !AllowedWithPageInfo.Contains(k));
            if (extra is not null)
            {
                error = StoreJson.Result(new JsonObject { ["errors"] = $"{extra} cannot be passed when page_info is present" }, 400);
                return false;
            }

            var cursor = PageCursor.Decode(pageInfo.ToString());
            if (cursor is null)
            {
                error = StoreJson.Result(new JsonObject { ["errors"] = new JsonObject { ["page_info"] = "Invalid value." } }, 400);
                return false;
            }

            request = new PageRequest(limit, fields, cursor, cursor.Filters);
            return true;
        }

        var filters = query.Where(p => !AllowedWithPageInfo.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        request = new PageRequest(limit, fields, null, filters);
        return true;
    }

    /// <summary>One page of <paramref name="sorted"/> (already filtered and in the list's order), with the Link header set.</summary>
    public static List<T> Page<T>(HttpContext context, IReadOnlyList<T> sorted, Func<T, (long Sort, long Id)> key, bool descending, PageRequest request)
    {
        int Compare((long Sort, long Id) a, (long Sort, long Id) b)
        {
            var c = a.Sort != b.Sort ? a.Sort.CompareTo(b.Sort) : a.Id.CompareTo(b.Id);
            return descending ? -c : c;
        }

        int start;
        int end;
        if (request.Cursor is not { } cursor)
        {
            start = 0;
            end = Math.Min(sorted.Count, request.Limit);
        }
        else
        {
            var boundary = (cursor.Sort, cursor.Id);
            var firstAfter = 0;
            while (firstAfter < sorted.Count && Compare(key(sorted[firstAfter]), boundary) <= 0)
            {
                firstAfter++;
            }

            if (cursor.Forward)
            {
                start = firstAfter;
                end = Math.Min(sorted.Count, start + request.Limit);
            }
            else
            {
                end = firstAfter;
                while (end > 0 && Compare(key(sorted[end - 1]), boundary) >= 0)
                {
                    end--;
                }

                start = Math.Max(0, end - request.Limit);
            }
        }

        var page = new List<T>(Math.Max(0, end - start));
        for (var i = start; i < end; i++)
        {
            page.Add(sorted[i]);
        }

        var links = new List<string>();
        if (page.Count > 0 && start > 0)
        {
            var (s, id) = key(page[0]);
            links.Add($"<{Url(context, request, new PageCursor(false, s, id, request.Filters))}>; rel=\"previous\"");
        }

        if (page.Count > 0 && end < sorted.Count)
        {
            var (s, id) = key(page[^1]);
            links.Add($"<{Url(context, request, new PageCursor(true, s, id, request.Filters))}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }

        return page;
    }

    private static string Url(HttpContext context, PageRequest request, PageCursor cursor)
    {
        var r = context.Request;
        var url = new StringBuilder($"{r.Scheme}://{r.Host}{r.PathBase}{r.Path}?limit={request.Limit}");
        if (request.Fields is not null)
        {
            url.Append("&fields=").Append(Uri.EscapeDataString(request.Fields));
        }

        return url.Append("&page_info=").Append(cursor.Encode()).ToString();
    }

    /// <summary>Keeps only the top-level keys named in <c>fields</c>.</summary>
    public static JsonObject Trim(JsonObject item, string? fields)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return item;
        }

        var keep = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var key in item.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
        {
            item.Remove(key);
        }

        return item;
    }
}

/// <summary>A list request: page size, field list, the cursor (when paging), and the filters in force.</summary>
internal sealed record PageRequest(int Limit, string? Fields, PageCursor? Cursor, IReadOnlyDictionary<string, string> Filters)
{
    public string? Filter(string name) => Filters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}

/// <summary>The content of a <c>page_info</c>: direction, the boundary item's sort key and id, and the original filters.</summary>
internal sealed record PageCursor(bool Forward, long Sort, long Id, IReadOnlyDictionary<string, string> Filters)
{
    public string Encode()
    {
        var json = new JsonObject
        {
            ["d"] = Forward ? "next" : "prev",
            ["s"] = Sort,
            ["i"] = Id,
            ["f"] = new JsonObject([.. Filters.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))]),
        };
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(StoreJson.Write(json)));
    }

    public static PageCursor? Decode(string text)
    {
        try
        {
            var json = JsonNode.Parse(Base64Url.DecodeFromChars(text))!.AsObject();
            var filters = json["f"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
            return new PageCursor(json["d"]!.GetValue<string>() == "next", json["s"]!.GetValue<long>(), json["i"]!.GetValue<long>(), filters);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            return null;
        }
    }
}
