using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StoreBooks.Web;

/// <summary>
/// The address people and stores reach <c>storebooks serve</c> at when it sits behind a proxy (<c>--public-url</c>): every
/// request is taken as made to it, so what is built from the request (Intuit's redirect URI, the sign-in redirects) names it
/// instead of the proxy's inner address, and an https address makes the dashboard's cookies Secure even though the proxy
/// forwards plain http.
/// </summary>
public static class PublicAddress
{
    /// <summary>
    /// The root of <paramref name="value"/> (an absolute http or https address, no query, no path but <c>/</c>: StoreBooks answers
    /// at the root of its address); an <see cref="ArgumentException"/> says what is wrong otherwise.
    /// </summary>
    public static Uri Parse(string value)
    {
        var text = value.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.IsFile)
        {
            throw new ArgumentException($"'{value}' is not a public address: give the https address the proxy serves StoreBooks at, such as https://books.example.com.", nameof(value));
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new ArgumentException($"'{value}' has a query, a fragment or a user name: give only the address, such as https://books.example.com.", nameof(value));
        }

        if (url.AbsolutePath != "/")
        {
            throw new ArgumentException($"'{value}' has a path: StoreBooks answers at the root of its address, so give {url.GetLeftPart(UriPartial.Authority)} and have the proxy forward all of it.", nameof(value));
        }

        return new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>Where Intuit sends the merchant back after the consent page, on <paramref name="root"/>.</summary>
    public static Uri QuickBooksCallback(Uri root) => new(root, Dashboard.Connections.QuickBooksStateCookie.CallbackPath.TrimStart('/'));

    /// <summary>Takes every request as made to <paramref name="publicUrl"/> (its scheme and host); call before any other middleware.</summary>
    internal static void UsePublicAddress(this WebApplication app, Uri publicUrl)
    {
        // Its authority: the port only when it is not the scheme's own (a Location of https://books.example.com:443/ is noise).
        var host = new HostString(publicUrl.Authority);
        app.Use((context, next) =>
        {
            context.Request.Scheme = publicUrl.Scheme;
            context.Request.Host = host;
            return next(context);
        });
    }
}
