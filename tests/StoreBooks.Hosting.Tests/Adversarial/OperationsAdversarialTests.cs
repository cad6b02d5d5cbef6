using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Npgsql;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using StoreBooks.Hosting.Hangfire;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Sync.Connections;
using StoreBooks.WooCommerce;
using Xunit;
using static StoreBooks.Hosting.Tests.Adversarial.AdversarialRig;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// The operations endpoints of <c>storebooks serve</c> in hosted mode, attacked from the README's "Operating it" section:
/// <c>/healthz</c> when a part is down, Hangfire's dashboard behind the first workspace's owners (path tricks and its POST
/// actions), and logs that never carry a secret, also on the paths where things go wrong.
/// </summary>
public sealed class OperationsAdversarialTests
{
    [Fact]
    public async Task Healthz_of_a_web_process_turns_503_naming_only_the_job_servers_once_the_last_worker_has_stopped()
    {
        // Expected (README): 200 while the database, Hangfire's tables and a job server answer; "a web process with no worker
        // anywhere is 503". The only worker stops cleanly: the web process's /healthz goes to 503 with down = ["jobServers"],
        // the database and job storage still healthy, and a body that names parts only.
        await using var rig = await HostedRig.CreateAsync();
        var web = await rig.StartProcessAsync(ServeRole.Web);
        var worker = await StartOwnProcessAsync(rig, ServeRole.Worker, "only-worker", workers: 1);
        using var http = new HttpClient { BaseAddress = web.Server.BaseUrl };
        await HostedRig.WaitUntilAsync(async () => (await http.GetAsync("healthz", Ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "/healthz to be 200 with a worker");

        await worker.DisposeAsync();
        await HostedRig.WaitUntilAsync(async () => (await http.GetAsync("healthz", Ct)).StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(150), "/healthz to be 503 once the worker stopped");
        using var answer = await http.GetAsync("healthz", Ct);
        var text = await answer.Content.ReadAsStringAsync(Ct);
        Log(text);
        var report = JsonNode.Parse(text)!;
        Assert.Equal("unhealthy", (string?)report["status"]);
        Assert.Equal(["jobServers"], report["down"]!.AsArray().Select(n => (string)n!));
        var checks = report["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (bool)c!["healthy"]!);
        Assert.True(checks["database"] && checks["jobStorage"] && !checks["jobServers"], text);
        Assert.DoesNotContain("only-worker", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_names_the_job_storage_when_hangfires_tables_are_gone_while_the_database_answers()
    {
        // Expected (README): /healthz checks that "Hangfire's tables answer" apart from the database. With Hangfire's schema
        // dropped, it is 503 naming jobStorage while the database check stays healthy, and the body carries no error text.
        await using var rig = await HostedRig.CreateAsync();
        var web = await rig.StartProcessAsync(ServeRole.Web);
        using var http = new HttpClient { BaseAddress = web.Server.BaseUrl };
        using (var before = await http.GetAsync("healthz", Ct))
        {
            Assert.Equal(["jobServers"], JsonNode.Parse(await before.Content.ReadAsStringAsync(Ct))!["down"]!.AsArray().Select(n => (string)n!));
        }

        await using (var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(rig.Database.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await db.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand("DROP SCHEMA hangfire CASCADE;", db);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        using var answer = await http.GetAsync("healthz", Ct);
        var text = await answer.Content.ReadAsStringAsync(Ct);
        Log(text);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        var report = JsonNode.Parse(text)!;
        var down = report["down"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains("jobStorage", down);
        Assert.DoesNotContain("database", down);
        foreach (var leak in new[] { "relation", "does not exist", "42P01", "Npgsql", "Exception", "hangfire." })
        {
            Assert.DoesNotContain(leak, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_jobs_dashboard_cannot_be_reached_around_its_sign_in_through_case_encoding_or_dot_segments()
    {
        // Expected (README): "Signed out, it sends to the sign-in page; any other user gets 403" — whatever spelling of the path
        // reaches Hangfire's dashboard. Each trick below is sent as raw bytes (no client normalises it), signed out and as a
        // member of the first workspace: none answers 2xx with the dashboard or its data. The operator's plain /hangfire is the
        // control that the dashboard is there to be found.
        await using var rig = await HostedRig.CreateAsync();
        var first = (await rig.State.Workspaces.ListAsync(Ct))[0];
        await DashboardUsers.AddAsync(rig.State, first.Id, "operator@example.com", WorkspaceRole.Owner);
        await DashboardUsers.AddAsync(rig.State, first.Id, "member@example.com", WorkspaceRole.Member);
        var web = await rig.StartProcessAsync(ServeRole.Web);
        var baseUrl = web.Server.BaseUrl;

        string[] tricks =
        [
            "/HANGFIRE", "/HangFire/servers", "/hangfire/", "/Hangfire/jobs/enqueued", "/hangfire//servers", "/%68angfire", "/%48ANGFIRE/servers",
            "/hangfire%2Fservers", "/hangfire%2fjobs%2fenqueued", "/connections/../hangfire", "/./hangfire/servers", "/hangfire/./servers",
            "/static/..%2Fhangfire", "/hangfire;x=1", "/hangfire/stats", "/hangfire/%2e%2e/hangfire", "//hangfire",
        ];

        var cookies = await SessionCookiesAsync(baseUrl, "member@example.com");
        var control = await RawAsync(baseUrl, "GET", "/hangfire", await SessionCookiesAsync(baseUrl, "operator@example.com"));
        Assert.True(control.Status == 200 && LooksLikeTheDashboard(control), $"the operator's /hangfire answered {control.Status}");

        var leaks = new List<string>();
        foreach (var path in tricks)
        {
            foreach (var (who, cookie) in new[] { ("signed out", ""), ("member", cookies) })
            {
                foreach (var method in new[] { "GET", "POST" })
                {
                    var answer = await RawAsync(baseUrl, method, path, cookie);
                    Log($"{who} {method} {path} → {answer.Status}");
                    if (answer.Status is >= 200 and < 300 && LooksLikeTheDashboard(answer))
                    {
                        leaks.Add($"{who} {method} {path} → {answer.Status}: {answer.Body[..Math.Min(120, answer.Body.Length)]}");
                    }
                }
            }
        }

        Assert.True(leaks.Count == 0, "The jobs dashboard answered around its sign-in:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task Metrics_behind_a_token_cannot_be_scraped_without_it_through_another_spelling_of_the_path()
    {
        // Expected (README): with STOREBOOKS_METRICS_TOKEN set, /metrics "answers only Authorization: Bearer <token> (401
        // otherwise)". No spelling of the path (case, trailing slash, percent-encoding, dot segments, a wrong scheme or an empty
        // token) returns the Prometheus text without the token; the right token on the plain path is the control.
        const string token = "adv-metrics-token-71e2";
        await using var rig = await HostedRig.CreateAsync();
        var web = await rig.StartProcessAsync(ServeRole.Web, configure: options => options with { MetricsToken = token });
        var baseUrl = web.Server.BaseUrl;
        var control = await RawAsync(baseUrl, "GET", "/metrics", "", $"Authorization: Bearer {token}");
        Assert.True(control.Status == 200 && control.Body.Contains("# TYPE", StringComparison.Ordinal), $"the scrape with the token answered {control.Status}");

        var leaks = new List<string>();
        foreach (var (target, header) in new[]
        {
            ("/METRICS", ""), ("/Metrics", ""), ("/metrics/", ""), ("/%6detrics", ""), ("/%6Detrics", ""), ("/./metrics", ""), ("/x/../metrics", ""), ("//metrics", ""),
            ("/metrics;", ""), ("/metrics?format=prometheus", ""), ("/metrics", "Authorization: Bearer"), ("/metrics", "Authorization: Bearer "),
            ("/metrics", $"Authorization: Basic {token}"), ("/metrics", $"Authorization: bearer {token.ToUpperInvariant()}"), ("/metrics", $"Authorization: Bearer {token[..^1]}"),
            ("/metrics", $"X-Authorization: Bearer {token}"), ("/metrics?access_token=" + token, ""),
        })
        {
            var answer = await RawAsync(baseUrl, "GET", target, "", header);
            Log($"GET {target} [{header}] → {answer.Status}");
            if (answer.Status is >= 200 and < 300 && answer.Body.Contains("# TYPE", StringComparison.Ordinal))
            {
                leaks.Add($"GET {target} [{header}] → {answer.Status}");
            }
        }

        Assert.True(leaks.Count == 0, "Metrics scraped without the token:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task The_jobs_dashboards_post_actions_change_nothing_without_the_operators_session_and_antiforgery_token()
    {
        // Expected (README: the dashboard is for the first workspace's owners; "every form carries an antiforgery token"): a job
        // queued for a connection stays queued after a POST to Hangfire's delete action signed out, as a member, and as the
        // operator without the page's antiforgery token; the operator's POST with the token (the control) deletes it.
        await using var rig = await HostedRig.CreateAsync();
        var first = (await rig.State.Workspaces.ListAsync(Ct))[0];
        await DashboardUsers.AddAsync(rig.State, first.Id, "operator@example.com", WorkspaceRole.Owner);
        await DashboardUsers.AddAsync(rig.State, first.Id, "member@example.com", WorkspaceRole.Member);
        var connection = await rig.AddConnectedShopAsync("queued-only", "9131600000000001");
        var web = await rig.StartProcessAsync(ServeRole.Web);
        await using (var engine = await rig.OpenEngineAsync())
        {
            // The web process's dispatcher may have queued it already (never synced: due); one job either way.
            new HangfireSyncQueue(engine.Client, engine.Claims).TryEnqueue(connection.Id, "schedule");
        }

        await HostedRig.WaitUntilAsync(() => Task.FromResult(web.Monitoring.EnqueuedCount(HangfireSyncQueue.DefaultQueue) == 1), TimeSpan.FromSeconds(30), "the connection's job to be queued");

        string JobId() => web.Monitoring.EnqueuedJobs(HangfireSyncQueue.DefaultQueue, 0, 10).Single().Key;
        var jobId = JobId();
        var form = new Dictionary<string, string> { ["jobs[]"] = jobId };

        using (var anonymous = DashboardUsers.Client(web.Server.BaseUrl))
        {
            using var answer = await anonymous.PostAsync("hangfire/jobs/enqueued/delete", new FormUrlEncodedContent(form), Ct);
            Log($"signed out → {(int)answer.StatusCode}");
            Assert.False(answer.IsSuccessStatusCode, $"signed out, the delete action answered {(int)answer.StatusCode}");
        }

        using (var member = DashboardUsers.Client(web.Server.BaseUrl))
        {
            await DashboardUsers.SignInAsync(member, "member@example.com");
            using var answer = await member.PostAsync("hangfire/jobs/enqueued/delete", new FormUrlEncodedContent(form), Ct);
            Log($"member → {(int)answer.StatusCode}");
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        using var operatorClient = DashboardUsers.Client(web.Server.BaseUrl);
        await DashboardUsers.SignInAsync(operatorClient, "operator@example.com");
        using (var answer = await operatorClient.PostAsync("hangfire/jobs/enqueued/delete", new FormUrlEncodedContent(form), Ct))
        {
            Log($"operator without the token → {(int)answer.StatusCode}");
        }

        // (A deleted job keeps its queue entry until a worker skips it: its state says what happened to it.)
        Assert.Equal("Enqueued", State(web, jobId));

        // The control: the token Hangfire's page hands its scripts, sent as they send it.
        var page = await operatorClient.GetStringAsync("hangfire/jobs/enqueued", Ct);
        var header = Attribute(page, "<meta name=\"csrf-header\" content") ?? "X-CSRF-TOKEN";
        var token = Attribute(page, "<meta name=\"csrf-token\" content");
        Assert.True(token is not null, "the operator's dashboard page carries no antiforgery token");
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "hangfire/jobs/enqueued/delete") { Content = new FormUrlEncodedContent(form) };
        withToken.Headers.Add(header, token);
        using (var answer = await operatorClient.SendAsync(withToken, Ct))
        {
            Log($"operator with the token → {(int)answer.StatusCode}");
            Assert.True(answer.IsSuccessStatusCode, $"the operator's delete with the token answered {(int)answer.StatusCode}");
        }

        Assert.Equal("Deleted", State(web, jobId));
    }

    private static string? State(HostedProcess process, string jobId)
    {
        using var storage = process.Engine.Storage.GetConnection();
        return storage.GetStateData(jobId)?.Name;
    }

    [Fact]
    public async Task Intuits_authorization_code_in_the_redirects_query_string_is_not_logged()
    {
        // Expected (brief: never a secret in the logs, "also inside URLs with query strings"): Intuit's redirect to
        // /quickbooks/callback carries the authorization code (exchangeable for the company's tokens with the app's secret) in
        // its query string. Whatever the answer (here a forged state, refused), no line logged holds the code.
        const string authorizationCode = "AB11adv-intuit-code-9f3e2d";
        await using var rig = await HostedRig.CreateAsync();
        var logs = new ScopedLogCollector();
        var web = await rig.StartProcessAsync(ServeRole.Web, configure: options => options with
        {
            Logging = logging =>
            {
                logging.AddProvider(logs);
                logging.SetMinimumLevel(LogLevel.Trace);
            },
        });
        using var http = DashboardUsers.Client(web.Server.BaseUrl);
        using (var callback = await http.GetAsync($"quickbooks/callback?code={authorizationCode}&state=forged-state&realmId=9131600000000013", Ct))
        {
            Log($"Intuit's redirect with a forged state → {(int)callback.StatusCode}");
        }

        var leaking = logs.Lines.Where(l => $"{l.Text} {string.Join(" ", l.ScopeTexts)} {string.Join(" ", l.Scope.Values)}".Contains(authorizationCode, StringComparison.Ordinal)).ToList();
        Assert.True(leaking.Count == 0, "The authorization code is logged: " + string.Join(" | ", leaking.Take(2).Select(l => $"{l.Category} {l.Level}: {l.Text}")));
    }

    [Fact]
    public async Task No_secret_reaches_the_logs_when_credentials_are_refused_or_a_slice_runs()
    {
        // Expected (README): "tokens, consumer secrets, webhook secrets and the Intuit app's secret are never logged"; the brief
        // adds the operator's key and secrets inside exception messages. A Shopify connection with a wrong access token, a
        // WooCommerce one (plain HTTP: OAuth 1.0a signatures in the query string) with a wrong consumer secret, a webhook signed
        // with a wrong key, and a connection synced in slices: every line is kept, and none of those values is in any of them.
        // The refused runs fail, and every line the sync and the clients write carries its workspace and connection.
        var operatorKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        const string wrongShopToken = "shpat_adv_wrong_token_3e9d1c";
        const string wooKey = "ck_adv_logs_77aa";
        const string wrongWooSecret = "cs_adv_wrong_secret_b04f2e";
        const string webhookSecret = "adv-webhook-secret-cc81";
        await using var rig = await HostedRig.CreateAsync(
            options => options with { WooCommerce = options.WooCommerce with { Keys = [new(wooKey, "cs_the_real_secret_0000", "read_write")] } },
            keyBase64: operatorKey);
        var shop = await rig.AddConnectedAsync(
            "bad-token-shop",
            "9131600000000011",
            StoreBooks.Shopify.ShopifySource.SourceKind,
            new JsonObject { [StoreBooks.Shopify.ShopifySource.ShopSetting] = "demo-shop.myshopify.com", [StoreBooks.Shopify.ShopifySource.BaseUrlSetting] = rig.Emulator.BaseUrl.AbsoluteUri },
            wrongShopToken);
        var shopTokens = rig.LastIssued!;
        var woo = await rig.AddConnectedAsync(
            "bad-secret-woo",
            "9131600000000012",
            WooCommerceSource.SourceKind,
            new JsonObject { [WooCommerceSource.UrlSetting] = rig.Emulator.BaseUrl.AbsoluteUri.TrimEnd('/') },
            new WooCommerceCredentials(wooKey, wrongWooSecret).ToSecret());
        var wooTokens = rig.LastIssued!;
        await WebhookSecrets.SaveAsync(rig.State.Credentials, shop.Id, WebhookSecrets.Shopify, webhookSecret, Ct);
        var sliced = await rig.AddConnectedShopAsync("sliced-and-logged", "9131600000000014");
        var slicedTokens = rig.LastIssued!;

        var logs = new ScopedLogCollector();
        var process = await rig.StartProcessAsync(ServeRole.All, "logged", slice: new StoreBooks.Sync.SyncSlice(6, TimeSpan.FromHours(1)), configure: options => options with
        {
            Logging = logging =>
            {
                logging.AddProvider(logs);
                logging.SetMinimumLevel(LogLevel.Trace);
            },
        });
        // A refused store may be retried later: the first run of each is enough here.
        await HostedRig.WaitUntilAsync(
            async () => (await rig.RunsAsync(shop.Id)).Any(r => r.Outcome != RunOutcome.Running) && (await rig.RunsAsync(woo.Id)).Any(r => r.Outcome != RunOutcome.Running)
                && (await rig.RunsAsync(sliced.Id)).Count(r => r.Outcome == RunOutcome.Succeeded) >= 2,
            TimeSpan.FromSeconds(150),
            "both refused connections to have run, and two slices of the other");
        Assert.Equal(RunOutcome.Failed, (await rig.RunsAsync(shop.Id))[^1].Outcome);
        Assert.Equal(RunOutcome.Failed, (await rig.RunsAsync(woo.Id))[^1].Outcome);

        using var http = DashboardUsers.Client(process.Server.BaseUrl);
        Assert.Equal(401, await DeliverShopifyWebhookAsync(http, shop.Id, "not-" + webhookSecret, "{\"id\":42}"));

        var lines = logs.Lines;
        var everything = string.Join("\n", lines.Select(l => $"{l.Category} {l.Text} {string.Join(" ", l.ScopeTexts)} {string.Join(" ", l.Scope.Values)}"));
        Assert.True(lines.Count > 20, $"only {lines.Count} lines were logged");
        foreach (var connection in new[] { shop, woo })
        {
            Assert.Contains(lines, l => l.Scope.GetValueOrDefault("ConnectionId") == connection.Id.ToString("D") && l.Level >= LogLevel.Warning);
        }

        // Every line the sync, the stores' clients and the QuickBooks client write names its workspace and connection, on the
        // failing paths and across slices too.
        var syncCategories = new[] { "StoreBooks.Sync", "StoreBooks.QuickBooks", "StoreBooks.Shopify", "StoreBooks.WooCommerce" };
        var unscoped = lines
            .Where(l => syncCategories.Any(c => l.Category.StartsWith(c, StringComparison.Ordinal)))
            .Where(l => !l.Scope.ContainsKey("ConnectionId") || !l.Scope.ContainsKey("WorkspaceId"))
            .ToList();
        Assert.True(unscoped.Count == 0, "Lines without their workspace and connection: " + string.Join(" | ", unscoped.Take(10).Select(l => $"{l.Category} {l.Level}: {l.Text}")));
        Assert.Contains(lines, l => l.Scope.GetValueOrDefault("ConnectionId") == sliced.Id.ToString("D") && l.Category.StartsWith("StoreBooks.Sync", StringComparison.Ordinal));

        var secrets = new (string What, string Value)[]
        {
            ("the operator's key", operatorKey), ("the Shopify token", wrongShopToken), ("the WooCommerce consumer secret", wrongWooSecret),
            ("the webhook secret", webhookSecret), ("the Intuit app's secret", QuickBooksApp.Demo.ClientSecret),
            ("an access token", shopTokens.AccessToken), ("a refresh token", shopTokens.RefreshToken), ("an access token", wooTokens.AccessToken), ("a refresh token", wooTokens.RefreshToken),
            ("an access token", slicedTokens.AccessToken), ("a refresh token", slicedTokens.RefreshToken), ("the Shopify token", "demo-token"),
        };
        var found = secrets.Where(s => everything.Contains(s.Value, StringComparison.Ordinal)).ToList();
        foreach (var (what, value) in found)
        {
            Log($"{what} is logged: " + string.Join(" | ", lines.Where(l => $"{l.Text} {string.Join(" ", l.ScopeTexts)}".Contains(value, StringComparison.Ordinal)).Take(3).Select(l => $"{l.Category} {l.Level}: {l.Text}")));
        }

        Assert.True(found.Count == 0, "Logged: " + string.Join(", ", found.Select(f => f.What)));
    }

    /// <summary>Signs <paramref name="email"/> in through the form and returns the session's Cookie header.</summary>
    private static async Task<string> SessionCookiesAsync(Uri baseUrl, string email)
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = baseUrl };
        await DashboardUsers.SignInAsync(client, email);
        return jar.GetCookieHeader(baseUrl);
    }

    /// <summary>Hangfire's pages (StoreBooks titles them "StoreBooks jobs"; their layout has its config element) or its JSON.</summary>
    private static bool LooksLikeTheDashboard(RawAnswer answer) =>
        answer.Body.Contains("StoreBooks jobs", StringComparison.Ordinal)
        || answer.Body.Contains("hangfireConfig", StringComparison.Ordinal)
        || answer.Body.Contains("succeeded:count", StringComparison.OrdinalIgnoreCase)
        || answer.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static string? Attribute(string page, string name)
    {
        var at = page.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + name.Length + 2;
        return WebUtility.HtmlDecode(page[start..page.IndexOf('"', start)]);
    }

    private sealed record RawAnswer(int Status, string ContentType, string Body);

    /// <summary>One HTTP/1.1 request with its target sent byte for byte as given (no client normalises dot segments or escapes).</summary>
    private static async Task<RawAnswer> RawAsync(Uri baseUrl, string method, string target, string cookies, string header = "")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port, Ct);
        await using var stream = tcp.GetStream();
        var request = new StringBuilder()
            .Append($"{method} {target} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nConnection: close\r\n")
            .Append(cookies.Length > 0 ? $"Cookie: {cookies}\r\n" : "")
            .Append(header.Length > 0 ? header + "\r\n" : "")
            .Append(method == "POST" ? "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n" : "")
            .Append("\r\n")
            .ToString();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(Ct);
        var statusLine = text[..Math.Max(0, text.IndexOf("\r\n", StringComparison.Ordinal))];
        var status = statusLine.Split(' ') is { Length: >= 2 } parts && int.TryParse(parts[1], out var code) ? code : 0;
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = headerEnd < 0 ? text : text[..headerEnd];
        var contentType = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim() ?? "";
        return new RawAnswer(status, contentType, headerEnd < 0 ? "" : text[(headerEnd + 4)..]);
    }
}
