namespace StoreBooks.Shopify.Http;

/// <summary>Reads the <c>rel="next"</c> address of an HTTP <c>Link</c> header (<c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="previous"</c>).</summary>
internal static class LinkHeader
{
    public static Uri? Next(IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            foreach (var part in value.Split(','))
            {
                var open = part.IndexOf('<', StringComparison.Ordinal);
                var close = part.IndexOf('>', StringComparison.Ordinal);
                if (open < 0 || close < open)
                {
                    continue;
                }

                var parameters = part[(close + 1)..];
                if (parameters.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase) || parameters.Contains("rel=next", StringComparison.OrdinalIgnoreCase))
                {
                    return Uri.TryCreate(part[(open + 1)..close].Trim(), UriKind.Absolute, out var next) ? next : null;
                }
            }
        }

        return null;
    }
}
