using StoreBooks.Core.Workspaces;

namespace StoreBooks.Core.State;

/// <summary>The people who sign in to the dashboard.</summary>
public interface IUserStore
{
    /// <summary>Adds a user; an email another user has is an <see cref="EmailTakenException"/>.</summary>
    Task AddAsync(WorkspaceUser user, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="user"/> only if there is no user at all yet (the first sign-up on a new home), in one statement, so
    /// two people signing up at once make one owner. False when a user already exists.
    /// </summary>
    Task<bool> AddFirstAsync(WorkspaceUser user, CancellationToken cancellationToken);

    Task<WorkspaceUser?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The user with this email, compared without regard to case or surrounding spaces.</summary>
    Task<WorkspaceUser?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<IReadOnlyList<WorkspaceUser>> ListAsync(Guid workspaceId, CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the password hash and the security stamp (which ends the user's sessions); fails when there is no such user.</summary>
    Task SetPasswordAsync(Guid id, string passwordHash, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the security stamp alone, which ends every session the user has (sign-out: a copy of the session cookie kept from
    /// before no longer opens the dashboard). Nothing happens when there is no such user.
    /// </summary>
    Task RenewSecurityStampAsync(Guid id, CancellationToken cancellationToken);
}
