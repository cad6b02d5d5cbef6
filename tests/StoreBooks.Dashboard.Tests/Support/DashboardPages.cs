using System.Diagnostics;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Support;

/// <summary>What the tests do on the dashboard's pages, as a person would: fill the labelled fields, press the named buttons.</summary>
public static class DashboardPages
{
    public const string OwnerEmail = "owner@maple-leaf.example";
    public const string OwnerPassword = "correct horse battery";

    public static async Task SignUpAsync(IPage page, DashboardHost host, string business = "Maple Leaf Goods", string email = OwnerEmail, string password = OwnerPassword,
        string businessLabel = "Business name", string emailLabel = "Email", string passwordLabel = "Password", string confirmLabel = "Password again", string button = "Create the account",
        Uri? at = null)
    {
        // at: the address the browser knows the dashboard by (a proxy's public one), else the host's own.
        string Url(string path) => at is null ? host.Url(path) : new Uri(at, path).AbsoluteUri;
        await page.GotoAsync(Url("/"));
        Assert.EndsWith("/sign-up", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GetByLabel(businessLabel, new() { Exact = true }).FillAsync(business);
        await page.GetByLabel(emailLabel, new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(passwordLabel, new() { Exact = true }).FillAsync(password);
        await page.GetByLabel(confirmLabel, new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await WaitForAddressAsync(page, Url("/connections"));
    }

    /// <summary>Signs up the owner on a page whose browser asks for French: the same form, its French labels.</summary>
    public static Task SignUpInFrenchAsync(IPage page, DashboardHost host, string business = "Produits Érable inc.") =>
        SignUpAsync(page, host, business, businessLabel: "Nom de l'entreprise", emailLabel: "Courriel", passwordLabel: "Mot de passe",
            confirmLabel: "Confirmer le mot de passe", button: "Créer le compte");

    public static async Task SignInAsync(IPage page, string email, string password, string emailLabel = "Email", string passwordLabel = "Password", string button = "Sign in")
    {
        await page.GetByLabel(emailLabel, new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(passwordLabel, new() { Exact = true }).FillAsync(password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
    }

    public static async Task SignOutAsync(IPage page, string button = "Sign out")
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/sign-in");
    }

    /// <summary>
    /// Presses the Sync page's "Sync now" and waits for the page it leads back to (<c>?done=requested</c>): a reload while that
    /// navigation is still under way fails in Chromium ("Not attached to an active page").
    /// </summary>
    public static async Task SyncNowAsync(IPage page, string button = "Sync now")
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await WaitForAddressAsync(page, url => new Uri(url).Query.Contains("done=requested", StringComparison.Ordinal));
    }

    /// <summary>Waits until the browser is at <paramref name="url"/> and has parsed its document.</summary>
    public static Task WaitForAddressAsync(IPage page, string url, int timeoutMs = 30_000) =>
        WaitForAddressAsync(page, at => new Uri(at).AbsoluteUri == new Uri(url).AbsoluteUri, timeoutMs);

    /// <summary>
    /// Waits until the browser's address matches and its document is parsed. It watches the address and the document's
    /// readyState rather than waiting for load events: Playwright's .NET client checks whether a load event has fired and
    /// then subscribes to it, and an event that arrives between the two is missed (seen in CI: "NetworkIdle event fired",
    /// then a 30 s timeout waiting for DOMContentLoaded on a page that had loaded).
    /// </summary>
    public static async Task WaitForAddressAsync(IPage page, Func<string, bool> matches, int timeoutMs = 30_000)
    {
        var waited = Stopwatch.StartNew();
        while (!matches(page.Url))
        {
            if (waited.ElapsedMilliseconds > timeoutMs)
                Assert.Fail($"after {timeoutMs / 1000} s the browser is still at {page.Url}");
            await Task.Delay(25);
        }
        var left = Math.Max(1_000, timeoutMs - (int)waited.ElapsedMilliseconds);
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new() { Timeout = left, PollingInterval = 25 });
    }

    /// <summary>Runs axe on the page as it is and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(bad.Count == 0, $"{page.Url} has accessibility violations:\n{string.Join("\n", bad)}");
    }

    /// <summary>Saves a full-page screenshot as docs/screenshots/<paramref name="name"/>.png in the repository.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = RepositoryFiles.Path(Path.Combine("docs", "screenshots", name + ".png"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}
