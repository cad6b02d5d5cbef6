using System.Net;
using System.Text.RegularExpressions;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>
/// The dashboard over plain HTTP, as a script or an attacker's page would reach it: its own cookie jar, no redirects followed,
/// the antiforgery token read from the page's forms.
/// </summary>
public sealed partial class DashboardClient : IDisposable
{
    private readonly HttpClient _http;

    public DashboardClient(DashboardHost host)
    {
        Host = host;
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true }) { BaseAddress = host.BaseUrl };
    }

    public DashboardHost Host { get; }

    public CookieContainer Cookies { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs the first owner up (or signs in when the owner exists already) and answers the client.</summary>
    public static async Task<DashboardClient> SignedUpAsync(DashboardHost host, string business = "Maple Leaf Goods", string email = DashboardPages.OwnerEmail, string password = DashboardPages.OwnerPassword)
    {
        var client = new DashboardClient(host);
        var token = await client.TokenAsync("/sign-up");
        var response = await client.PostAsync("/sign-up", token, new()
        {
            ["BusinessName"] = business, ["Email"] = email, ["Password"] = password, ["ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<DashboardClient> SignedInAsync(DashboardHost host, string email, string password)
    {
        var client = new DashboardClient(host);
        var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string path = "/sign-in")
    {
        var token = await TokenAsync(path);
        return await PostAsync(path, token, new() { ["Email"] = email, ["Password"] = password });
    }

    public async Task<HttpResponseMessage> GetAsync(string path) => await _http.GetAsync(path, Ct);

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await _http.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The antiforgery token of the first form of the page at <paramref name="path"/>.</summary>
    public async Task<string> TokenAsync(string path)
    {
        using var response = await _http.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        return TokenOf(html) ?? throw new InvalidOperationException($"GET {path} ({(int)response.StatusCode}) has no antiforgery token.");
    }

    public static string? TokenOf(string html) => TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public async Task<HttpResponseMessage> PostAsync(string path, string? token, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields);
        if (token is not null)
        {
            form["__RequestVerificationToken"] = token;
        }

        return await _http.PostAsync(path, new FormUrlEncodedContent(form), Ct);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => await _http.PostAsync(path, content, Ct);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await _http.SendAsync(request, Ct);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
