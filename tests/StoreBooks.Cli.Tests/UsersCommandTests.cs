using StoreBooks.Core.Workspaces;
using StoreBooks.Storage;
using StoreBooks.Web.Dashboard.Account;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary><c>storebooks users</c>: dashboard users added, listed and given a new password from the command line.</summary>
public sealed class UsersCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_are_added_to_the_first_or_a_new_workspace_and_a_password_is_reset()
    {
        await using var cli = await CliHarness.StartAsync();

        var first = await cli.RunAsync("users", "add", "Owner@Example.com", "--password", "first owner password");
        var member = await cli.RunAsync("users", "add", "bookkeeper@example.com", "--password", "bookkeeper password");
        var other = await cli.RunAsync("users", "add", "owner@other.example", "--workspace", "Other Ltd", "--password", "other owner password");
        var taken = await cli.RunAsync("users", "add", "owner@example.com", "--password", "yet another password");
        var shortPassword = await cli.RunAsync("users", "add", "short@example.com", "--password", "short");
        var reset = await cli.RunAsync("users", "reset-password", "OWNER@example.com", "--password", "a new owner password");
        var unknown = await cli.RunAsync("users", "reset-password", "nobody@example.com", "--password", "a new owner password");
        var list = await cli.RunAsync("users", "list");

        Assert.True(first.Code == 0, first.Error);
        Assert.Contains("Added Owner@Example.com (owner) to workspace \"StoreBooks\"", first.Output, StringComparison.Ordinal);
        Assert.Contains("(member)", member.Output, StringComparison.Ordinal);
        Assert.Contains("(owner) to workspace \"Other Ltd\" (new)", other.Output, StringComparison.Ordinal);
        Assert.Equal(1, taken.Code);
        Assert.Contains("A user with the email owner@example.com already exists", taken.Error, StringComparison.Ordinal);
        Assert.Equal(1, shortPassword.Code);
        Assert.Contains("at least 10 characters", shortPassword.Error, StringComparison.Ordinal);
        Assert.Equal(0, reset.Code);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("There is no user with the email nobody@example.com", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("StoreBooks: bookkeeper@example.com (member), Owner@Example.com (owner)", list.Output, StringComparison.Ordinal);
        Assert.Contains("Other Ltd: owner@other.example (owner)", list.Output, StringComparison.Ordinal);

        await using var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(cli.Home, _ => null), Ct);
        var owner = await state.Users.FindByEmailAsync("owner@example.com", Ct);
        var hashing = new PasswordHashing();
        Assert.True(hashing.Verify(owner, "a new owner password"));
        Assert.False(hashing.Verify(owner, "first owner password"));
        Assert.DoesNotContain("first owner password", owner!.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(WorkspaceRole.Owner, owner.Role);
        Assert.Equal(2, (await state.Workspaces.ListAsync(Ct)).Count);
    }
}
