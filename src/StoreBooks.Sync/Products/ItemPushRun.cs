using StoreBooks.Core.Model;
using StoreBooks.Core.State;

namespace StoreBooks.Sync.Products;

/// <summary>
/// <c>storebooks items push</c> and the dashboard's "Push items": the push logged as a run ("items push"), with one issue per
/// product that needs the merchant and the issues of products that now have an item resolved.
/// </summary>
public static class ItemPushRun
{
    public const string RunKind = "items push";

    public static async Task<ItemPlanResult> PushAsync(SyncContext context, IReadOnlyList<StoreProduct> products, CancellationToken cancellationToken)
    {
        var runs = context.State.Runs;
        var run = await runs.StartAsync(context.ConnectionId, RunKind, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var result = await new ProductSync(context).PushAsync(products, cancellationToken).ConfigureAwait(false);
        var planner = new ItemPlanner(context.Settings.Products, await context.ItemsAsync(cancellationToken).ConfigureAwait(false), new(null, null, null), []);
        foreach (var entry in result.Entries)
        {
            if (entry.Message is { } message && !entry.HasItem)
            {
                await context.RaiseAsync(run.Id, LinkKind.Item, entry.Product.SourceId, planner.Describe(entry.Product), message, entry.Detail, cancellationToken).ConfigureAwait(false);
            }
            else if (entry.HasItem)
            {
                await runs.ResolveAsync(context.ConnectionId, LinkKind.Item, entry.Product.SourceId, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }

        var counts = result.Entries.GroupBy(e => e.Action).ToDictionary(g => "items." + g.Key.ToString().ToLowerInvariant(), g => g.Count());
        var needsAttention = result.Entries.Any(e => !e.HasItem);
        await runs.FinishAsync(run with
        {
            FinishedAt = context.Time.GetUtcNow(),
            Counts = counts,
            Outcome = needsAttention ? RunOutcome.NeedsAttention : RunOutcome.Succeeded,
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
