using System.Globalization;
using System.Text;

namespace StoreBooks.Emulators.Tests.Fuzz;

/// <summary>One malformed request: method, path with query, headers and body, and a line saying what it is for a failure report.</summary>
public sealed record FuzzRequest(HttpMethod Method, string PathAndQuery, byte[]? Body = null, string? ContentType = "application/json")
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HttpRequestMessage ToMessage(Uri baseUrl)
    {
        var message = new HttpRequestMessage(Method, new Uri(baseUrl, PathAndQuery));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        if (body.Length > 600)
        {
            body = body[..600] + $"… ({Body!.Length.ToString(CultureInfo.InvariantCulture)} bytes)";
        }

        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {h.Value}"));
        return $"{Method} {PathAndQuery} [{ContentType}] {{{headers}}} {body}";
    }
}

/// <summary>Query values and headers a careless or hostile client sends.</summary>
public static class MalformedHttp
{
    private static readonly string[] QueryValues =
    [
        "", "-1", "0", "abc", "1e400", "99999999999999999999999999", "9223372036854775808", "%ZZ", "%ED%A0%80", "%ud800", "%F0%9F",
        "2026-13-45T99:99:99", "2026-03-02T10:00:00+25:00", "0001-01-01", "9999-12-31T23:59:59Z", "%00", "a,b,,c", "1,2,-3,x",
        "true", "null", "[]", "{}", "%27%20OR%201%3D1", "+", "%20", new string('9', 400),
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "text/plain", "application/json; charset=utf-16", "application/json; charset=nonsense", "application/graphql",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/xml", "*/*", ";;;",
    ];

    public static string QueryValue(Random random) => QueryValues[random.Next(QueryValues.Length)];

    /// <summary>A query string over these parameter names, each with an odd value, sometimes repeated.</summary>
    public static string Query(Random random, params string[] names)
    {
        var parts = new List<string>();
        foreach (var name in names)
        {
            if (random.Next(3) == 0)
            {
                continue;
            }

            parts.Add(name + "=" + QueryValue(random));
            if (random.Next(8) == 0)
            {
                parts.Add(name + "=" + QueryValue(random));
            }
        }

        if (random.Next(6) == 0)
        {
            parts.Add(random.Next(3) switch { 0 => "=", 1 => "&&", _ => "x" });
        }

        return string.Join('&', parts);
    }

    /// <summary>Now and then an odd header, a strange content type, a bad Accept.</summary>
    public static FuzzRequest WithOddHeaders(this FuzzRequest request, Random random)
    {
        var result = random.Next(5) == 0 && request.Body is not null
            ? request with { ContentType = random.Next(6) == 0 ? null : ContentTypes[random.Next(ContentTypes.Length)] }
            : request;
        foreach (var (name, value) in request.Headers)
        {
            result.Headers[name] = value;
        }

        if (random.Next(6) == 0)
        {
            (string Name, string Value) odd = random.Next(7) switch
            {
                0 => ("Accept", "application/xml"),
                1 => ("Accept", "text/html;q=0.5, */*;q=abc"),
                2 => ("X-Forwarded-Proto", random.Next(2) == 0 ? "https, http" : "gopher"),
                3 => ("X-Forwarded-For", "not-an-ip, 10.0.0.1"),
                4 => ("Accept-Charset", "utf-7"),
                5 => ("Content-Encoding", "gzip"),
                _ => ("X-Odd", new string('h', 4000)),
            };
            result.Headers[odd.Name] = odd.Value;
        }

        return result;
    }

    public static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
}
