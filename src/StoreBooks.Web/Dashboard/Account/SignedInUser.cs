using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using StoreBooks.Core.Workspaces;

namespace StoreBooks.Web.Dashboard.Account;

/// <summary>Who a session belongs to, as its cookie carries it: user, workspace, email, role and the security stamp it was made with.</summary>
public sealed record SignedInUser(Guid UserId, Guid WorkspaceId, string Email, WorkspaceRole Role, string SecurityStamp)
{
    private const string WorkspaceClaim = "storebooks:workspace";
    private const string StampClaim = "storebooks:stamp";

    public static ClaimsPrincipal Principal(WorkspaceUser user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString("D")),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Role, user.Role.ToString()),
            new Claim(WorkspaceClaim, user.WorkspaceId.ToString("D")),
            new Claim(StampClaim, user.SecurityStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The session's user, or null when <paramref name="principal"/> is not a whole StoreBooks session.</summary>
    public static SignedInUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var user)
            || !Guid.TryParse(principal.FindFirstValue(WorkspaceClaim), out var workspace)
            || !Enum.TryParse<WorkspaceRole>(principal.FindFirstValue(ClaimTypes.Role), out var role)
            || principal.FindFirstValue(StampClaim) is not { } stamp)
        {
            return null;
        }

        return new SignedInUser(user, workspace, principal.FindFirstValue(ClaimTypes.Email) ?? "", role, stamp);
    }
}
