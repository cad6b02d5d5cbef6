using StoreBooks.Hosting.Scheduling;
using Xunit;

namespace StoreBooks.Web.Tests.Scheduling;

/// <summary>The per-company lock shared by <c>storebooks serve</c> and <c>storebooks sync</c> through lock files in the home.</summary>
public sealed class FileLockTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "storebooks-locks-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_held_key_is_refused_to_any_other_holder_until_released_and_other_keys_are_free()
    {
        var serve = new FileConnectionLock(_folder);
        var cli = new FileConnectionLock(_folder);

        var held = await serve.TryAcquireAsync("qbo-realm:9130350000000001", Ct);
        Assert.NotNull(held);
        Assert.Null(await cli.TryAcquireAsync("qbo-realm:9130350000000001", Ct));
        Assert.Null(await serve.TryAcquireAsync("qbo-realm:9130350000000001", Ct));
        await using (var other = await cli.TryAcquireAsync("qbo-realm:9130350000000002", Ct))
        {
            Assert.NotNull(other);
        }

        await held.DisposeAsync();
        await using var again = await cli.TryAcquireAsync("qbo-realm:9130350000000001", Ct);
        Assert.NotNull(again);
        Assert.Equal(["qbo-realm_9130350000000001.lock", "qbo-realm_9130350000000002.lock"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
