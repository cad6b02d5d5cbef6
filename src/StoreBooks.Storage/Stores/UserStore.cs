using System.Data.Common;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using StoreBooks.Storage.Sql;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>users</c> table. Emails are unique by their normalized form (<see cref="WorkspaceUser.NormalizeEmail"/>); the store
/// stamps the times with its clock and makes a fresh security stamp on add and on every password change. The first sign-up
/// locks the table for its one transaction, so two racing ones make one owner (PostgreSQL would run them side by side).
/// </summary>
internal sealed class UserStore : IUserStore
{
    private const string Columns = "id, workspace_id, email, normalized_email, password_hash, role, security_stamp, created_at, updated_at";
    private const string Values = "@id, @workspace_id, @email, @normalized_email, @password_hash, @role, @security_stamp, @created_at, @updated_at";

    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;

    public UserStore(StoreDialect sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
    }

    public async Task AddAsync(WorkspaceUser user, CancellationToken cancellationToken) =>
        await InsertAsync(user, $"INSERT INTO users ({Columns}) VALUES ({Values});", lockFirst: false, cancellationToken).ConfigureAwait(false);

    public async Task<bool> AddFirstAsync(WorkspaceUser user, CancellationToken cancellationToken) =>
        await InsertAsync(user, $"INSERT INTO users ({Columns}) SELECT {Values} WHERE NOT EXISTS (SELECT 1 FROM users);", lockFirst: true, cancellationToken).ConfigureAwait(false) == 1;

    public async Task<WorkspaceUser?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM users WHERE id = @id;").WithId("id", id);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<WorkspaceUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM users WHERE normalized_email = @email;")
            .WithText("email", WorkspaceUser.NormalizeEmail(email));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<WorkspaceUser>> ListAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM users WHERE workspace_id = @workspace ORDER BY {_sql.Ordinal("normalized_email")};")
            .WithId("workspace", workspaceId);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("SELECT EXISTS (SELECT 1 FROM users);");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetBoolean(0);
    }

    public async Task SetPasswordAsync(Guid id, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "UPDATE users SET password_hash = @password_hash, security_stamp = @security_stamp, updated_at = @updated_at WHERE id = @id;")
            .WithId("id", id)
            .WithText("password_hash", passwordHash)
            .WithText("security_stamp", NewStamp())
            .WithTime("updated_at", _time.GetUtcNow());
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new InvalidOperationException($"User {id} does not exist in the state store.");
        }
    }

    public async Task RenewSecurityStampAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("UPDATE users SET security_stamp = @security_stamp, updated_at = @updated_at WHERE id = @id;")
            .WithId("id", id)
            .WithText("security_stamp", NewStamp())
            .WithTime("updated_at", _time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> InsertAsync(WorkspaceUser user, string sql, bool lockFirst, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Email);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.PasswordHash);
        var now = _time.GetUtcNow();
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        if (lockFirst)
        {
            // The second first sign-up waits, then sees the first one's user.
            await _sql.LockTableAsync(transaction, "users", cancellationToken).ConfigureAwait(false);
        }

        await using var command = db.Command(sql, transaction)
            .WithId("id", user.Id)
            .WithId("workspace_id", user.WorkspaceId)
            .WithText("email", user.Email.Trim())
            .WithText("normalized_email", WorkspaceUser.NormalizeEmail(user.Email))
            .WithText("password_hash", user.PasswordHash)
            .WithText("role", Role(user.Role))
            .WithText("security_stamp", NewStamp())
            .WithTime("created_at", user.CreatedAt == default ? now : user.CreatedAt)
            .WithTime("updated_at", now);
        try
        {
            var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return added;
        }
        catch (DbException e) when (_sql.IsUniqueViolation(e, "users_email_unique"))
        {
            throw new EmailTakenException(user.Email.Trim(), e);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
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

    private static async Task<IReadOnlyList<WorkspaceUser>> ReadAsync(StoreCommand command, CancellationToken cancellationToken)
    {
        var users = new List<WorkspaceUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(new WorkspaceUser
            {
                Id = reader.GetId(0),
                WorkspaceId = reader.GetId(1),
                Email = reader.GetString(2),
                PasswordHash = reader.GetString(4),
                Role = ParseRole(reader.GetString(5)),
                SecurityStamp = reader.GetString(6),
                CreatedAt = reader.GetTime(7),
                UpdatedAt = reader.GetTime(8),
            });
        }

        return users;
    }
}
