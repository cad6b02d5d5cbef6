using Microsoft.Data.Sqlite;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;

namespace StoreBooks.Storage.Sqlite;

/// <summary>
/// The <c>users</c> table. Emails are unique by their normalized form (<see cref="WorkspaceUser.NormalizeEmail"/>); the store
/// stamps the times with its clock and makes a fresh security stamp on add and on every password change.
/// </summary>
internal sealed class SqliteUserStore : IUserStore
{
    private const string Columns = "id, workspace_id, email, normalized_email, password_hash, role, security_stamp, created_at, updated_at";
    private const string Values = "$id, $workspace_id, $email, $normalized_email, $password_hash, $role, $security_stamp, $created_at, $updated_at";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteUserStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task AddAsync(WorkspaceUser user, CancellationToken cancellationToken) =>
        await InsertAsync(user, $"INSERT INTO users ({Columns}) VALUES ({Values});", cancellationToken).ConfigureAwait(false);

    public async Task<bool> AddFirstAsync(WorkspaceUser user, CancellationToken cancellationToken) =>
        await InsertAsync(user, $"INSERT INTO users ({Columns}) SELECT {Values} WHERE NOT EXISTS (SELECT 1 FROM users);", cancellationToken).ConfigureAwait(false) == 1;

    public async Task<WorkspaceUser?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM users WHERE id = $id;").With("$id", ColumnFormat.Id(id));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<WorkspaceUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM users WHERE normalized_email = $email;")
            .With("$email", WorkspaceUser.NormalizeEmail(email));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<WorkspaceUser>> ListAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM users WHERE workspace_id = $workspace ORDER BY normalized_email;")
            .With("$workspace", ColumnFormat.Id(workspaceId));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("SELECT EXISTS (SELECT 1 FROM users);");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long and 1;
    }

    public async Task SetPasswordAsync(Guid id, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "UPDATE users SET password_hash = $password_hash, security_stamp = $security_stamp, updated_at = $updated_at WHERE id = $id;")
            .With("$id", ColumnFormat.Id(id))
            .With("$password_hash", passwordHash)
            .With("$security_stamp", NewStamp())
            .With("$updated_at", ColumnFormat.Time(_time.GetUtcNow()));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new InvalidOperationException($"User {id} does not exist in the state store.");
        }
    }

    public async Task RenewSecurityStampAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("UPDATE users SET security_stamp = $security_stamp, updated_at = $updated_at WHERE id = $id;")
            .With("$id", ColumnFormat.Id(id))
            .With("$security_stamp", NewStamp())
            .With("$updated_at", ColumnFormat.Time(_time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> InsertAsync(WorkspaceUser user, string sql, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Email);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.PasswordHash);
        var now = _time.GetUtcNow();
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(sql)
            .With("$id", ColumnFormat.Id(user.Id))
            .With("$workspace_id", ColumnFormat.Id(user.WorkspaceId))
            .With("$email", user.Email.Trim())
            .With("$normalized_email", WorkspaceUser.NormalizeEmail(user.Email))
            .With("$password_hash", user.PasswordHash)
            .With("$role", Role(user.Role))
            .With("$security_stamp", NewStamp())
            .With("$created_at", ColumnFormat.Time(user.CreatedAt == default ? now : user.CreatedAt))
            .With("$updated_at", ColumnFormat.Time(now));
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteCommands.UniqueViolation)
        {
            throw new EmailTakenException(user.Email.Trim(), e);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteCommands.ForeignKeyViolation)
        {
            throw new InvalidOperationException($"Workspace {user.WorkspaceId} does not exist in the state store; create it before adding users to it.", e);
        }
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static string Role(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Owner => "owner",
        WorkspaceRole.Member => "member",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown workspace role."),
    };

    private static WorkspaceRole ParseRole(string text) => text switch
    {
        "owner" => WorkspaceRole.Owner,
        "member" => WorkspaceRole.Member,
        _ => throw new InvalidOperationException($"The state store has a user with the unknown role \"{text}\"; this StoreBooks knows owner and member."),
    };

    private static async Task<IReadOnlyList<WorkspaceUser>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var users = new List<WorkspaceUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(new WorkspaceUser
            {
                Id = Guid.Parse(reader.GetString(0)),
                WorkspaceId = Guid.Parse(reader.GetString(1)),
                Email = reader.GetString(2),
                PasswordHash = reader.GetString(4),
                Role = ParseRole(reader.GetString(5)),
                SecurityStamp = reader.GetString(6),
                CreatedAt = ColumnFormat.ParseTime(reader.GetString(7)),
                UpdatedAt = ColumnFormat.ParseTime(reader.GetString(8)),
            });
        }

        return users;
    }
}
