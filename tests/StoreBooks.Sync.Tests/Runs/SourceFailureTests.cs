using System.Runtime.CompilerServices;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Runs;

/// <summary>A store that stops answering partway through (access revoked, too many refusals) ends the run, logged, never left running.</summary>
public sealed class SourceFailureTests
{
    [Fact]
    public async Task A_store_that_fails_after_a_page_leaves_a_finished_run_with_its_reason_and_the_cursor_where_it_was()
    {
        var first = Order("9201").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        var second = Order("9202").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).At(DefaultTime.AddDays(1)).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), first, second);
        var harness = scenario.Harness;
        var failing = new FailingAfterFirstPage(new MemorySource(first, second) { PageSize = 1 });

        var summary = await new SyncRunner(await harness.ContextAsync(), failing).RunAsync("test", cancellationToken: SalesScenario.Token);

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(summary, first).Result);
        Assert.Equal(RunOutcome.Failed, summary.Run.Outcome);
        Assert.Equal("The run stopped: Shopify refused the access token (401).", summary.Run.Error);
        var logged = Assert.Single(await harness.State.Runs.ListRunsAsync(harness.Connection.Id, 5, SalesScenario.Token));
        Assert.Equal((RunOutcome.Failed, summary.Run.Error), (logged.Outcome, logged.Error));
        Assert.NotNull(logged.FinishedAt);
        Assert.Null(await harness.State.Cursors.GetAsync(harness.Connection.Id, SyncRunner.OrdersStream, SalesScenario.Token));

        var next = await new SyncRunner(await harness.ContextAsync(), new MemorySource(first, second)).RunAsync("test", cancellationToken: SalesScenario.Token);

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(next, second).Result);
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    [Fact]
    public async Task A_run_left_running_by_a_killed_process_is_marked_abandoned_by_the_next_run()
    {
        var order = Order("9203").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        var runs = scenario.Harness.State.Runs;

        // What a process killed mid-run leaves: a run started and never finished.
        var killed = await runs.StartAsync(scenario.Harness.Connection.Id, "schedule", DateTimeOffset.UtcNow.AddMinutes(-5), SalesScenario.Token);
        var next = await scenario.RunAsync();

        var logged = (await runs.ListRunsAsync(scenario.Harness.Connection.Id, 5, SalesScenario.Token)).ToDictionary(r => r.Id);
        Assert.Equal(RunOutcome.Abandoned, logged[killed.Id].Outcome);
        Assert.NotNull(logged[killed.Id].FinishedAt);
        Assert.StartsWith("The run never finished: StoreBooks was stopped during it", logged[killed.Id].Error, StringComparison.Ordinal);
        Assert.Equal(RunOutcome.Succeeded, logged[next.Run.Id].Outcome);
        Assert.DoesNotContain(logged.Values, r => r.Outcome == RunOutcome.Running);
    }

    private sealed class FailingAfterFirstPage(IStoreSource inner) : IStoreSource
    {
        public string Kind => inner.Kind;

        public IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
            inner.ReadProductsAsync(changedSince, cancellationToken);

        public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var page in inner.ReadOrdersAsync(changedSince, cancellationToken))
            {
                yield return page;
                throw new InvalidOperationException("Shopify refused the access token (401).");
            }
        }

        public IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken) =>
            inner.GetOrdersAsync(sourceIds, cancellationToken);
    }
}
