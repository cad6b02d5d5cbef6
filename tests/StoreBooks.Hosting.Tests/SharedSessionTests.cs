using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Storage.Secrets;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// Two real <c>storebooks serve --role web</c> processes on one database, each with a home folder of its own (as on two machines
/// behind a load balancer): the owner signs up through the first, and the second honours the session cookie, because the
/// dashboard's keys are in the database's key ring, not in either home.
/// </summary>
public sealed partial class SharedSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_and_a_form_from_one_web_process_are_honoured_by_another()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var rig = await HostedRig.CreateAsync(keyBase64: key);
        using var homes = new TemporaryHomes();
        var (first, firstUrl) = Web(rig, key, homes.New("first"));
        var (second, secondUrl) = Web(rig, key, homes.New("second"));
        using (first)
        using (second)
        {
            // Cookies are not kept per port: one container sends the session to both processes, as a browser would to one host name.
            var cookies = new CookieContainer();
            using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilListeningAsync(http, firstUrl, first);
            await WaitUntilListeningAsync(http, secondUrl, second);

            var form = await http.GetStringAsync(new Uri(firstUrl, "sign-up"), Ct);
            using var signUp = await http.PostAsync(new Uri(firstUrl, "sign-up"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(form),
                ["BusinessName"] = "Shared Session Goods",
                ["Email"] = "owner@shared.example",
                ["Password"] = "correct horse battery",
                ["ConfirmPassword"] = "correct horse battery",
            }), Ct);
            Assert.True(signUp.StatusCode == HttpStatusCode.Redirect, $"sign-up answered {(int)signUp.StatusCode}: {await signUp.Content.ReadAsStringAsync(Ct)}");
            Assert.EndsWith("/connections", signUp.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

            using var onSecond = await http.GetAsync(new Uri(secondUrl, "connections"), Ct);
            Assert.True(onSecond.StatusCode == HttpStatusCode.OK, $"the second process answered {(int)onSecond.StatusCode} {onSecond.Headers.Location}");
            Assert.Contains("<span class=\"who\">owner@shared.example</span>", await onSecond.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            // A form rendered by the second process posts to the first: antiforgery tokens are read across processes too.
            var settings = await http.GetStringAsync(new Uri(secondUrl, "connections"), Ct);
            using var signOut = await http.PostAsync(new Uri(firstUrl, "sign-out"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(settings) }), Ct);
            Assert.True(signOut.StatusCode == HttpStatusCode.Redirect, $"sign-out through the first process answered {(int)signOut.StatusCode}");
        }
    }

    private static (RunningProgram Process, Uri Url) Web(HostedRig rig, string key, string home)
    {
        var port = FreePort();
        var program = new StorebooksProgram(home, new Dictionary<string, string> { [OperatorKeys.KeyVariable] = key });
        var url = new Uri($"http://127.0.0.1:{port}/");
        return (program.Start("serve", "--database", rig.Database.ConnectionString, "--role", "web", "--urls", $"http://127.0.0.1:{port}"), url);
    }

    private static async Task WaitUntilListeningAsync(HttpClient http, Uri url, RunningProgram process)
    {
        await HostedRig.WaitUntilAsync(
            async () =>
            {
                Assert.False(process.HasExited, $"The web process ended: {(process.HasExited ? process.Result().ToString() : "")}");
                try
                {
                    using var answer = await http.GetAsync(new Uri(url, "healthz"), Ct);
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            $"the web process on {url} to answer");
    }

    private static string Token(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
