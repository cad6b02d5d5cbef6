using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Web.Dashboard.Account;

namespace StoreBooks.Web.Operations;

/// <summary>
/// The job engine's own dashboard (Hangfire's: queued, running, retried and failed sync jobs, and the servers) at
/// <c>/hangfire</c>, in hosted mode on a process that serves the dashboard. It shows every workspace's jobs, so it is for the
/// deployment's operators alone: the owners of its first workspace (the one the first sign-up made). Behind the dashboard's
/// sign-in: no session is sent to sign in and back; a signed-in user who is not an operator gets 403.
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/hangfire";

    public static void MapJobsDashboard(this WebApplication app, ISyncEngine engine) =>
        app.Map(Path, branch =>
        {
            branch.Use(async (context, next) =>
            {
                if (context.User.Identity?.IsAuthenticated != true)
                {
                    // The session cookie's challenge: off to /sign-in, and back here after.
                    await context.ChallengeAsync().ConfigureAwait(false);
                    return;
                }

                if (!await IsOperatorAsync(context).ConfigureAwait(false))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                await next(context).ConfigureAwait(false);
            });
            engine.UseDashboard(branch);
        });

    /// <summary>An owner of the deployment's first workspace.</summary>
    public static async Task<bool> IsOperatorAsync(HttpContext context)
    {
        if (SignedInUser.From(context.User) is not { Role: WorkspaceRole.Owner } user)
        {
            return false;
        }

        var workspaces = await context.RequestServices.GetRequiredService<IStateStore>().Workspaces.ListAsync(context.RequestAborted).ConfigureAwait(false);
        return workspaces.Count > 0 && workspaces[0].Id == user.WorkspaceId;
    }
}
