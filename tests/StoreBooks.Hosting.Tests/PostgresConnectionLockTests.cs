using System.Diagnostics;
using Npgsql;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>The advisory lock of hosted mode on the real PostgreSQL: held by one session at a time, whichever process it is in.</summary>
public sealed class PostgresConnectionLockTests : IAsyncLifetime
{
    private TestDatabase? _database;

    private string ConnectionString => _database!.ConnectionString;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database!.DisposeAsync();

    [Fact]
    public async Task Two_holders_of_one_key_exclude_each_other_until_the_first_lets_go()
    {
        // Two lock objects, as two processes would have.
        var first = new PostgresConnectionLock(ConnectionString);
        var second = new PostgresConnectionLock(ConnectionString);

        var held = await first.TryAcquireAsync("qbo-realm:9130", TestContext.Current.CancellationToken);
        Assert.NotNull(held);
        Assert.Null(await second.TryAcquireAsync("qbo-realm:9130", TestContext.Current.CancellationToken));
        Assert.Null(await first.TryAcquireAsync("qbo-realm:9130", TestContext.Current.CancellationToken));

        await held.DisposeAsync();
        var next = await second.TryAcquireAsync("qbo-realm:9130", TestContext.Current.CancellationToken);
        Assert.NotNull(next);
        await next.DisposeAsync();
        Assert.Equal(0L, await _database!.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database());"));
    }

    [Fact]
    public async Task Different_keys_are_held_at_once()
    {
        var locks = new PostgresConnectionLock(ConnectionString);
        var one = await locks.TryAcquireAsync("qbo-realm:1", TestContext.Current.CancellationToken);
        var two = await new PostgresConnectionLock(ConnectionString).TryAcquireAsync("qbo-realm:2", TestContext.Current.CancellationToken);

        Assert.NotNull(one);
        Assert.NotNull(two);
        Assert.Equal(2L, await _database!.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted;"));
        await one.DisposeAsync();
        await two.DisposeAsync();
    }

    [Fact]
    public void Key_is_stable_across_processes_and_releases()
    {
        // The key must never change between versions: a new release beside an old one must take the same lock.
        Assert.Equal(PostgresConnectionLock.KeyOf("qbo-realm:9130"), PostgresConnectionLock.KeyOf("qbo-realm:9130"));
        Assert.NotEqual(PostgresConnectionLock.KeyOf("qbo-realm:9130"), PostgresConnectionLock.KeyOf("qbo-realm:9131"));
        Assert.Equal(unchecked((long)0xA5D43510BE97D21BUL), PostgresConnectionLock.KeyOf("qbo-realm:9130"));
    }

    [Fact]
    public async Task A_holder_in_a_killed_process_lets_the_lock_go()
    {
        var key = PostgresConnectionLock.KeyOf("qbo-realm:killed");
        var target = new NpgsqlConnectionStringBuilder(ConnectionString);
        var start = new ProcessStartInfo("psql")
        {
            ArgumentList = { "-h", target.Host!, "-p", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", target.Username!, "-d", target.Database! },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = target.Password;
        // The session then sits idle holding the lock, as a sync's lock session does (one busy in a query would only notice its
        // client is gone when it next writes to it).
        using var holder = Process.Start(start)!;
        await holder.StandardInput.WriteLineAsync($"SELECT pg_advisory_lock({key});");
        await holder.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
        var locks = new PostgresConnectionLock(ConnectionString);
        try
        {
            await WaitUntilAsync(async () => await _database!.ScalarAsync<long>($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted;") == 1, "psql to take the lock");
            Assert.Null(await locks.TryAcquireAsync("qbo-realm:killed", TestContext.Current.CancellationToken));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        IAsyncDisposable? taken = null;
        await WaitUntilAsync(async () => (taken = await locks.TryAcquireAsync("qbo-realm:killed", TestContext.Current.CancellationToken)) is not null, "the killed holder's lock to be released");
        await taken!.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"Waited 20 s for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
