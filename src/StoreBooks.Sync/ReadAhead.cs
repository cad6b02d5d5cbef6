using System.Runtime.CompilerServices;
using System.Threading.Channels;
using StoreBooks.Core.Sources;

namespace StoreBooks.Sync;

/// <summary>
/// The pipeline between the store and QuickBooks: the store's pages are read ahead on their own task while the sync posts, up to
/// <c>buffered</c> records held (memory stays flat), and the pages waiting when the sync asks for more are handed over together,
/// up to <c>largest</c> records, so a source that pages in fives (a GraphQL cost budget) still fills QuickBooks batches of 30.
/// Pages keep their order; an error of the store reaches the sync after the pages read before it.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<SourcePage<T>> PagesAsync<T>(
        IAsyncEnumerable<SourcePage<T>> pages, int largest, int buffered, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<SourcePage<T>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var room = new SemaphoreSlim(buffered, buffered);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var page in pages.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    // A page larger than the whole buffer waits for an empty buffer, then goes alone.
                    for (var i = 0; i < Math.Min(page.Records.Count, buffered); i++)
                    {
                        await room.WaitAsync(stop.Token).ConfigureAwait(false);
                    }

                    await channel.Writer.WriteAsync(page, stop.Token).ConfigureAwait(false);
                }

                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var records = new List<T>();
                var problems = new List<SourceProblem>();
                while (records.Count < largest && channel.Reader.TryRead(out var page))
                {
                    records.AddRange(page.Records);
                    problems.AddRange(page.Problems);
                    if (Math.Min(page.Records.Count, buffered) is var taken and > 0)
                    {
                        room.Release(taken);
                    }
                }

                if (records.Count > 0 || problems.Count > 0)
                {
                    yield return new SourcePage<T>(records, problems);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
