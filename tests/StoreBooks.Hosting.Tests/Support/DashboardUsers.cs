using System.Net;
using System.Text.RegularExpressions;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using StoreBooks.Web.Dashboard.Account;

namespace StoreBooks.Hosting.Tests.Support;

/// <summary>Dashboard users made straight in the state store, and signed in over HTTP through the sign-in form as a browser would.</summary>
public static partial class DashboardUsers
{
    public const string Password = "correct horse battery";

    public static async Task<WorkspaceUser> AddAsync(IStateStore state, Guid workspaceId, string email, WorkspaceRole role)
    {
        var now = DateTimeOffset.UtcNow;
        var user = new WorkspaceUser
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspaceId,
            Email = email,
            PasswordHash = new PasswordHashing().Hash(Password),
            Role = role,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await state.Users.AddAsync(user, CancellationToken.None);
        return user;
    }

    /// <summary>A client of <paramref name="baseUrl"/> with a cookie jar that follows no redirect (the test reads them).</summary>
    public static HttpClient Client(Uri baseUrl) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = baseUrl };

    /// <summary>Signs <paramref name="email"/> in on <paramref name="client"/>: the form's antiforgery token, then the post.</summary>
    public static async Task SignInAsync(HttpClient client, string email)
    {
        var form = await client.GetStringAsync("sign-in");
        var token = AntiforgeryField().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in form has no antiforgery token.");
        using var response = await client.PostAsync("sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("sign-in", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Signing {email} in answered {(int)response.StatusCode} {response.Headers.Location}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
