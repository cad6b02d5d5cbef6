using Microsoft.AspNetCore.Identity;
using StoreBooks.Core.Workspaces;

namespace StoreBooks.Web.Dashboard.Account;

/// <summary>
/// Dashboard passwords: hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, its current
/// iteration count), checked the same way, at least <see cref="MinimumLength"/> characters. Used by the sign-up page and
/// <c>storebooks users</c>.
/// </summary>
public sealed class PasswordHashing
{
    public const int MinimumLength = 10;

    /// <summary>Long enough that a user's password is never compared against in a hurry; hashed once, at start.</summary>
    private readonly Lazy<string> _decoy;
    private readonly PasswordHasher<WorkspaceUser> _hasher = new();

    public PasswordHashing()
    {
        _decoy = new Lazy<string>(() => Hash(Guid.NewGuid().ToString("N")));
    }

    /// <summary>Why <paramref name="password"/> cannot be used, or null when it can (English, for the command line).</summary>
    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength
            ? $"A password needs at least {MinimumLength} characters."
            : null;

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>True when <paramref name="password"/> is <paramref name="user"/>'s; a missing user takes as long as a wrong password.</summary>
    public bool Verify(WorkspaceUser? user, string password)
    {
        var result = _hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? _decoy.Value, password);
        return user is not null && result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }
}
