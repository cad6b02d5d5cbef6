using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using StoreBooks.Core.Workspaces;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// What operators of a hosted deployment reach over HTTP, on the real PostgreSQL: <c>/healthz</c> healthy, then naming the
/// database once it is gone or the job servers when none is alive; <c>/metrics</c> behind its token; Hangfire's dashboard at
/// <c>/hangfire</c> for the first workspace's owners only.
/// </summary>
public sealed class OperationsEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_is_200_while_the_database_and_a_job_server_answer_and_503_naming_them_once_the_database_is_gone()
    {
        await using var rig = await HostedRig.CreateAsync();
        var process = await rig.StartProcessAsync(ServeRole.All, "health-a");
        using var http = new HttpClient { BaseAddress = process.Server.BaseUrl };

        // A Hangfire server announces itself as it starts; the first heartbeat is in the table within moments.
        await HostedRig.WaitUntilAsync(async () => (await http.GetAsync("healthz", Ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "/healthz to be 200");
        using var healthy = await http.GetAsync("healthz", Ct);
        var body = JsonNode.Parse(await healthy.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("healthy", (string?)body["status"]);
        Assert.Empty(body["down"]!.AsArray());
        Assert.Equal(["database", "jobStorage", "jobServers"], body["checks"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.All(body["checks"]!.AsArray(), c => Assert.True((bool)c!["healthy"]!));
        Assert.Equal("1 alive", (string?)body["checks"]![2]!["detail"]);
        Assert.Equal("application/json", healthy.Content.Headers.ContentType?.MediaType);

        // The database goes away under the running process.
        var name = new NpgsqlConnectionStringBuilder(rig.Database.ConnectionString).Database!;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE);", admin);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        using var down = await http.GetAsync("healthz", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var text = await down.Content.ReadAsStringAsync(Ct);
        var report = JsonNode.Parse(text)!;
        Assert.Equal("unhealthy", (string?)report["status"]);
        Assert.Equal(["database", "jobStorage", "jobServers"], report["down"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("unreachable", (string?)report["checks"]![0]!["detail"]);

        // Nothing about where the database is or who logs in to it, nor the error's words.
        var connection = new NpgsqlConnectionStringBuilder(rig.Database.ConnectionString);
        foreach (var secret in new[] { connection.Host!, connection.Username!, connection.Password!, name, "Exception", "does not exist" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Healthz_names_the_job_servers_while_only_web_processes_run_and_is_200_once_a_worker_starts()
    {
        await using var rig = await HostedRig.CreateAsync();
        var web = await rig.StartProcessAsync(ServeRole.Web);
        using var http = new HttpClient { BaseAddress = web.Server.BaseUrl };

        using var alone = await http.GetAsync("healthz", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, alone.StatusCode);
        var report = JsonNode.Parse(await alone.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(["jobServers"], report["down"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("none alive", (string?)report["checks"]![2]!["detail"]);

        // A worker elsewhere runs the web process's queue: the web process is healthy again.
        await rig.StartProcessAsync(ServeRole.Worker, "health-worker");
        await HostedRig.WaitUntilAsync(async () => (await http.GetAsync("healthz", Ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "/healthz of the web process to be 200");
    }

    [Fact]
    public async Task Metrics_with_an_operator_token_refuse_a_scrape_without_it()
    {
        const string token = "metrics-token-0d6f3c";
        await using var rig = await HostedRig.CreateAsync();
        var process = await rig.StartProcessAsync(ServeRole.Web, configure: options => options with { MetricsToken = token });
        using var http = new HttpClient { BaseAddress = process.Server.BaseUrl };

        using var anonymous = await http.GetAsync("metrics", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain(token, await anonymous.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token + "x") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong, Ct)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var scraped = await http.SendAsync(right, Ct);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // /healthz stays open: a load balancer has no token.
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await http.GetAsync("healthz", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_jobs_dashboard_sends_visitors_to_sign_in_refuses_members_and_other_workspaces_and_opens_for_the_operator()
    {
        await using var rig = await HostedRig.CreateAsync();
        var first = (await rig.State.Workspaces.ListAsync(Ct))[0];
        var other = await rig.State.Workspaces.CreateAsync("Another Business", Ct);
        await DashboardUsers.AddAsync(rig.State, first.Id, "operator@example.com", WorkspaceRole.Owner);
        await DashboardUsers.AddAsync(rig.State, first.Id, "bookkeeper@example.com", WorkspaceRole.Member);
        await DashboardUsers.AddAsync(rig.State, other.Id, "tenant@example.com", WorkspaceRole.Owner);
        var process = await rig.StartProcessAsync(ServeRole.Web);

        using (var anonymous = DashboardUsers.Client(process.Server.BaseUrl))
        {
            using var response = await anonymous.GetAsync("hangfire", Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/sign-in", response.Headers.Location!.AbsolutePath);
            Assert.Contains("ReturnUrl=%2Fhangfire", response.Headers.Location.Query, StringComparison.Ordinal);
            using var deeper = await anonymous.GetAsync("hangfire/jobs/enqueued", Ct);
            Assert.Equal(HttpStatusCode.Redirect, deeper.StatusCode);
        }

        foreach (var refused in new[] { "bookkeeper@example.com", "tenant@example.com" })
        {
            using var client = DashboardUsers.Client(process.Server.BaseUrl);
            await DashboardUsers.SignInAsync(client, refused);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("connections", Ct)).StatusCode); // signed in indeed
            using var response = await client.GetAsync("hangfire", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("Hangfire", await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("hangfire/servers", Ct)).StatusCode);
        }

        using var operatorClient = DashboardUsers.Client(process.Server.BaseUrl);
        await DashboardUsers.SignInAsync(operatorClient, "operator@example.com");
        using var dashboard = await operatorClient.GetAsync("hangfire", Ct);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var page = await dashboard.Content.ReadAsStringAsync(Ct);
        Assert.Contains("StoreBooks jobs", page, StringComparison.Ordinal);
        // The storage's connection string is not in the footer.
        var connection = new NpgsqlConnectionStringBuilder(rig.Database.ConnectionString);
        Assert.DoesNotContain(connection.Database!, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync("hangfire/servers", Ct)).StatusCode);
    }
}
