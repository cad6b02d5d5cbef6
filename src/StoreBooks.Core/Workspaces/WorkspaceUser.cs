namespace StoreBooks.Core.Workspaces;

/// <summary>
/// Someone who signs in to the dashboard. An email address belongs to one user (compared without regard to case), and a user
/// to one workspace. The password is kept only as a salted hash.
/// </summary>
public sealed record WorkspaceUser
{
    public required Guid Id { get; init; }

    public required Guid WorkspaceId { get; init; }

    /// <summary>As the user typed it (shown back to them); looked up without regard to case.</summary>
    public required string Email { get; init; }

    /// <summary>The password hash (ASP.NET Core Identity's format: algorithm, iterations, salt and subkey).</summary>
    public required string PasswordHash { get; init; }

    public WorkspaceRole Role { get; init; } = WorkspaceRole.Member;

    /// <summary>Changes whenever the password does, which ends the user's other sessions.</summary>
    public string SecurityStamp { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The form an email is looked up by.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();
}
