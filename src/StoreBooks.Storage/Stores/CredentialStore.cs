using System.Data.Common;
using StoreBooks.Core.State;
using StoreBooks.Storage.Secrets;
using StoreBooks.Storage.Sql;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>credentials</c> table: values encrypted by an <see cref="ICredentialProtector"/> before they reach SQL, decrypted after.
/// A save is one statement that checks the version: an insert that does nothing when a row exists (expected version 0),
/// or an update guarded by <c>version = expected</c> (PostgreSQL re-checks it after waiting for a concurrent update of the
/// row); of two concurrent writers with the same expected version, one wins.
/// </summary>
internal sealed class CredentialStore : ICredentialStore
{
    private readonly StoreDialect _sql;
    private readonly ICredentialProtector _cipher;
    private readonly TimeProvider _time;

    public CredentialStore(StoreDialect sql, ICredentialProtector cipher, TimeProvider time)
    {
        _sql = sql;
        _cipher = cipher;
        _time = time;
    }

    public async Task<StoredSecret?> GetAsync(Guid connectionId, string system, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("SELECT secret, version FROM credentials WHERE connection_id = @connection_id AND system = @system;")
            .WithId("connection_id", connectionId)
            .WithText("system", system);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var stored = reader.GetBytes(0);
        var version = reader.GetInt64(1);
        return new StoredSecret(_cipher.Decrypt(connectionId, system, version, stored), version);
    }

    public async Task<long?> GetVersionAsync(Guid connectionId, string system, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("SELECT version FROM credentials WHERE connection_id = @connection_id AND system = @system;")
            .WithId("connection_id", connectionId)
            .WithText("system", system);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    public async Task<IReadOnlyList<string>> ListSystemsAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT system FROM credentials WHERE connection_id = @connection_id ORDER BY {_sql.Ordinal("system")};")
            .WithId("connection_id", connectionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var systems = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            systems.Add(reader.GetString(0));
        }

        return systems;
    }

    public async Task<bool> TrySaveAsync(Guid connectionId, string system, string value, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentNullException.ThrowIfNull(value);

        var sql = expectedVersion == 0
            ? """
              INSERT INTO credentials (connection_id, system, secret, version, updated_at)
              VALUES (@connection_id, @system, @secret, 1, @updated_at)
              ON CONFLICT (connection_id, system) DO NOTHING;
              """
            : """
              UPDATE credentials SET secret = @secret, version = version + 1, updated_at = @updated_at
               WHERE connection_id = @connection_id AND system = @system AND version = @expected_version;
              """;
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(sql)
            .WithId("connection_id", connectionId)
            .WithText("system", system)
            .WithBytes("secret", _cipher.Encrypt(connectionId, system, value))
            .WithTime("updated_at", _time.GetUtcNow());
        if (expectedVersion != 0)
        {
            command.WithLong("expected_version", expectedVersion);
        }

        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(connectionId, e);
        }
    }

    public async Task<bool> DeleteAsync(Guid connectionId, string system, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("DELETE FROM credentials WHERE connection_id = @connection_id AND system = @system;")
            .WithId("connection_id", connectionId)
            .WithText("system", system);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }
}
