using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// The lock of hosted mode, shared by every process on one PostgreSQL database: a session advisory lock
/// (<c>pg_try_advisory_lock</c>) taken on a connection of its own, outside any pool, held for the run and closed with it. PostgreSQL
/// releases it when that session ends, so a process that dies (killed, machine lost) leaves nothing to clean up. A pooled
/// connection would keep the lock after it is given back, and a transaction-pooling proxy would hand the session to someone else:
/// point the connection string at PostgreSQL itself.
/// </summary>
public sealed class PostgresConnectionLock : IConnectionLock
{
    private readonly string _connectionString;

    public PostgresConnectionLock(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "StoreBooks lock";
        }

        _connectionString = builder.ConnectionString;
    }

    /// <summary>
    /// The advisory-lock key of <paramref name="key"/>: the first 8 bytes of its UTF-8 SHA-256, the same in every process and
    /// release. Collisions between two realms are possible in principle (one in 2^64 per pair) and only make them take turns.
    /// </summary>
    public static long KeyOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("storebooks:" + key), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    public async ValueTask<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken cancellationToken)
    {
        var lockKey = KeyOf(key);
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key);", connection);
            command.Parameters.AddWithValue("key", lockKey);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new Held(connection, lockKey);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>One held lock: unlocked, then its session closed (closing alone would release it too).</summary>
    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key);", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The session is already gone (server restarted, connection broken): PostgreSQL released the lock with it.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
