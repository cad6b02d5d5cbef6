using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using StoreBooks.Storage;
using StoreBooks.Web.Dashboard.Account;

namespace StoreBooks.Cli.Users;

/// <summary>
/// <c>storebooks users add|reset-password|list</c>: the people who sign in to the dashboard (storebooks serve). The first owner
/// usually signs up in the browser; these add others, or a new workspace with its owner, and set a forgotten password.
/// </summary>
internal static class UsersCommand
{
    public const string PasswordVariable = "STOREBOOKS_USER_PASSWORD";

    public static Command Create()
    {
        var command = new Command("users", "Add dashboard users, reset a password, or list a workspace's users.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(ResetPassword());
        command.Subcommands.Add(List());
        return command;
    }

    private static Option<string?> PasswordOption() => new("--password")
    {
        Description = $"The password: - reads it from standard input, or set {PasswordVariable} (at least {PasswordHashing.MinimumLength} characters).",
        HelpName = "PASSWORD",
    };

    private static Option<string?> WorkspaceOption(string description) => new("--workspace") { Description = description, HelpName = "NAME" };

    private static Command Add()
    {
        var email = new Argument<string>("email") { Description = "The user's email address; they sign in with it." };
        var password = PasswordOption();
        var workspace = WorkspaceOption("The workspace to add the user to, by name; a new name makes a new workspace (default: the home's first).");
        var owner = new Option<bool>("--owner") { Description = "Make the user an owner of the workspace (a new workspace's first user always is)." };
        var home = HomeOption.Create();
        var command = new Command("add", "Add a user who can sign in to the dashboard.") { email, password, workspace, owner, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var address = parse.GetValue(email)!.Trim();
            if (!EmailAddress.LooksValid(address))
            {
                throw new CliException($"{address} does not look like an email address (name@example.com).");
            }

            var secret = await ReadPasswordAsync(parse.GetValue(password), cancellationToken).ConfigureAwait(false);
            await using var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(parse.GetValue(home)), cancellationToken).ConfigureAwait(false);
            var (target, isNew) = await WorkspaceAsync(state, parse.GetValue(workspace), create: true, cancellationToken).ConfigureAwait(false);
            var role = isNew || parse.GetValue(owner) || !await state.Users.AnyAsync(cancellationToken).ConfigureAwait(false) ? WorkspaceRole.Owner : WorkspaceRole.Member;
            try
            {
                await state.Users.AddAsync(new WorkspaceUser
                {
                    Id = Guid.NewGuid(),
                    WorkspaceId = target.Id,
                    Email = address,
                    PasswordHash = new PasswordHashing().Hash(secret),
                    Role = role,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (EmailTakenException e)
            {
                throw new CliException(e.Message);
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Added {address} ({role.ToString().ToLowerInvariant()}) to workspace \"{target.Name}\"{(isNew ? " (new)" : "")}. They sign in at the dashboard of storebooks serve.").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command ResetPassword()
    {
        var email = new Argument<string>("email") { Description = "The email address of the user whose password to set." };
        var password = PasswordOption();
        var home = HomeOption.Create();
        var command = new Command("reset-password", "Set a new password for a dashboard user (their open sessions end).") { email, password, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var address = parse.GetValue(email)!.Trim();
            await using var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(parse.GetValue(home)), cancellationToken).ConfigureAwait(false);
            var user = await state.Users.FindByEmailAsync(address, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"There is no user with the email {address}; add one with storebooks users add {address}.");
            var secret = await ReadPasswordAsync(parse.GetValue(password), cancellationToken).ConfigureAwait(false);
            await state.Users.SetPasswordAsync(user.Id, new PasswordHashing().Hash(secret), cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Set a new password for {user.Email}; their other sessions are signed out.").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var workspace = WorkspaceOption("The workspace whose users to list, by name (default: every workspace).");
        var home = HomeOption.Create();
        var command = new Command("list", "List the dashboard's users by workspace.") { workspace, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(parse.GetValue(home)), cancellationToken).ConfigureAwait(false);
            var workspaces = parse.GetValue(workspace) is { } name
                ? [(await WorkspaceAsync(state, name, create: false, cancellationToken).ConfigureAwait(false)).Workspace]
                : await state.Workspaces.ListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var each in workspaces)
            {
                var users = await state.Users.ListAsync(each.Id, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"{each.Name}: {(users.Count == 0 ? "no users yet (the first signs up at the dashboard)" : string.Join(", ", users.Select(u => $"{u.Email} ({u.Role.ToString().ToLowerInvariant()})")))}").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static async Task<(Workspace Workspace, bool IsNew)> WorkspaceAsync(IStateStore state, string? name, bool create, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ((await state.Workspaces.ListAsync(cancellationToken).ConfigureAwait(false))[0], false);
        }

        if (await state.Workspaces.FindByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return (found, false);
        }

        return create
            ? (await state.Workspaces.CreateAsync(name, cancellationToken).ConfigureAwait(false), true)
            : throw new CliException($"There is no workspace named \"{name.Trim()}\"; storebooks users list shows them.");
    }

    private static async Task<string> ReadPasswordAsync(string? given, CancellationToken cancellationToken)
    {
        var password = await SecretInput.ReadAsync(given, "--password", PasswordVariable, cancellationToken).ConfigureAwait(false);
        return PasswordHashing.Problem(password) is { } problem ? throw new CliException(problem) : password;
    }
}
