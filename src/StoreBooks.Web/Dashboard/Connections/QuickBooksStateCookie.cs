using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Web.Dashboard.Account;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>One authorization under way: its state, for which connection, whose session started it, where Intuit returns, until when.</summary>
public sealed record PendingAuthorization(string State, Guid ConnectionId, Guid UserId, string SecurityStamp, string RedirectUri, DateTimeOffset ExpiresAt);

/// <summary>
/// Binds the OAuth <c>state</c> to the signed-in session: starting a connection puts the state, the connection and the user in a
/// cookie only this server can read (data protection); the callback takes the cookie (it is deleted at once, so a state is used
/// once) and accepts the redirect only from the same user and session, with the same state, before it expires. A forged state,
/// a replayed redirect, another user's redirect or one without the cookie are all refused.
/// </summary>
public sealed class QuickBooksStateCookie(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "storebooks.qbo-connect";
    public const string CallbackPath = "/quickbooks/callback";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly IDataProtector _protector = protection.CreateProtector("StoreBooks.Dashboard.QuickBooksConnect.v1");

    /// <summary>Starts an authorization for <paramref name="connectionId"/>: a new state, kept in the cookie.</summary>
    public PendingAuthorization Start(HttpContext http, SignedInUser user, Guid connectionId, Uri redirectUri)
    {
        var pending = new PendingAuthorization(QboAuthorizationState.Create(), connectionId, user.UserId, user.SecurityStamp, redirectUri.AbsoluteUri, time.GetUtcNow() + Lifetime);
        http.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(pending)), new CookieOptions
        {
            HttpOnly = true,
            // Lax: sent on Intuit's top-level redirect back, never on another site's subrequests or posts.
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = CallbackPath,
            MaxAge = Lifetime,
            IsEssential = true,
        });
        return pending;
    }

    /// <summary>
    /// Takes the pending authorization of this browser (deleting its cookie) when <paramref name="state"/> is its state and the
    /// session is the one that started it; null otherwise.
    /// </summary>
    public PendingAuthorization? Take(HttpContext http, SignedInUser user, string? state)
    {
        var cookie = http.Request.Cookies[CookieName];
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CallbackPath, Secure = http.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        PendingAuthorization? pending;
        try
        {
            pending = JsonSerializer.Deserialize<PendingAuthorization>(_protector.Unprotect(cookie));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        return pending is not null
            && pending.UserId == user.UserId
            && pending.SecurityStamp == user.SecurityStamp
            && pending.ExpiresAt > time.GetUtcNow()
            && QboAuthorizationState.Matches(pending.State, state)
            ? pending
            : null;
    }
}
