using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Shopify;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.Operations;

/// <summary>
/// The operators' endpoints of <c>storebooks serve</c> on one machine (SQLite, no job engine): <c>/healthz</c> checks the
/// state store alone and says 503 once its file is gone; <c>/metrics</c> answers; <c>/hangfire</c> is not there.
/// </summary>
public sealed class SingleMachineOperationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_checks_the_sqlite_store_and_is_503_naming_the_database_once_its_file_is_gone()
    {
        await using var harness = await ServeHarness.CreateAsync();
        await harness.StartServerAsync();

        using var healthy = await harness.Http.GetAsync("healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var report = JsonNode.Parse(await healthy.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("healthy", (string?)report["status"]);
        var check = Assert.Single(report["checks"]!.AsArray());
        Assert.Equal("database", (string?)check!["name"]);
        Assert.True((bool)check["healthy"]!);
        Assert.Equal("no-store", healthy.Headers.CacheControl?.ToString());

        // The state store goes away under the running server: its file and folder gone (a volume unmounted, say), no
        // connection left open to it.
        await harness.State.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(harness.HomeDirectory, recursive: true);
        using var down = await harness.Http.GetAsync("healthz", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var text = await down.Content.ReadAsStringAsync(Ct);
        Assert.Equal(["database"], JsonNode.Parse(text)!["down"]!.AsArray().Select(n => (string)n!));
        Assert.DoesNotContain(harness.HomeDirectory, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Health check: database is unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_answer_without_a_token_and_there_is_no_jobs_dashboard_without_a_job_engine()
    {
        await using var harness = await ServeHarness.CreateAsync();
        await harness.AddConnectionAsync("corner", ShopifySource.SourceKind, new JsonObject
        {
            [ShopifySource.ShopSetting] = "demo-shop.myshopify.com",
            [ShopifySource.BaseUrlSetting] = harness.Emulator.BaseUrl.AbsoluteUri,
        });
        await harness.StartServerAsync();

        using var metrics = await harness.Http.GetAsync("metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("storebooks_sync_queued", await metrics.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Signed out, /hangfire is just another dashboard address: off to sign in, and no job engine page behind it.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = harness.Server.BaseUrl };
        using var jobs = await client.GetAsync("hangfire", Ct);
        Assert.NotEqual(HttpStatusCode.OK, jobs.StatusCode);
        Assert.DoesNotContain("StoreBooks jobs", await jobs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
