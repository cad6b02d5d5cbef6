using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>Workspaces and users: one workspace's view never reads or changes another's connections.</summary>
public abstract partial class StateStoreContract
{
    private static Connection NewConnection(string name, Guid workspace = default) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        SourceKind = "shopify",
        WorkspaceId = workspace,
        SourceSettings = new JsonObject { ["shop"] = $"{name}.myshopify.com" },
    };

    private static WorkspaceUser NewUser(string email, Guid workspace, WorkspaceRole role = WorkspaceRole.Member) => new()
    {
        Id = Guid.NewGuid(),
        WorkspaceId = workspace,
        Email = email,
        PasswordHash = "AQAAAAIAAYagAAAAEhash-of-" + email,
        Role = role,
    };

    [Fact]
    public async Task A_new_store_has_one_workspace_and_connections_added_without_one_go_to_it()
    {
        var first = Assert.Single(await Store.Workspaces.ListAsync(Ct));
        var connection = await AddConnectionAsync("main-shop");
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await Store.Workspaces.CreateAsync("Second Store Inc.", Ct);

        var read = await Store.Connections.GetAsync(connection.Id, Ct);
        Assert.Equal(first.Id, read!.WorkspaceId);
        Assert.Equal([first.Id, second.Id], (await Store.Workspaces.ListAsync(Ct)).Select(w => w.Id));
        Assert.Equal(["main-shop"], (await Store.Workspaces.ConnectionsOf(first.Id).ListAsync(Ct)).Select(c => c.Name));
        Assert.Empty(await Store.Workspaces.ConnectionsOf(second.Id).ListAsync(Ct));

        // Still the first after others exist.
        var later = await AddConnectionAsync("later-shop");
        Assert.Equal(first.Id, (await Store.Connections.GetAsync(later.Id, Ct))!.WorkspaceId);
    }

    [Fact]
    public async Task One_workspace_can_never_read_another_workspaces_connections()
    {
        var mine = (await Store.Workspaces.ListAsync(Ct))[0];
        var theirs = await Store.Workspaces.CreateAsync("Theirs", Ct);
        var mineView = Store.Workspaces.ConnectionsOf(mine.Id);
        var theirView = Store.Workspaces.ConnectionsOf(theirs.Id);
        var myShop = NewConnection("my-shop");
        var theirShop = NewConnection("their-shop");
        await mineView.AddAsync(myShop, Ct);
        await theirView.AddAsync(theirShop, Ct);

        Assert.Equal(["my-shop"], (await mineView.ListAsync(Ct)).Select(c => c.Name));
        Assert.Equal(["their-shop"], (await theirView.ListAsync(Ct)).Select(c => c.Name));
        Assert.Null(await mineView.GetAsync(theirShop.Id, Ct));
        Assert.Null(await mineView.FindByNameAsync("their-shop", Ct));
        Assert.Null(await theirView.GetAsync(myShop.Id, Ct));
        Assert.Equal(theirs.Id, (await theirView.GetAsync(theirShop.Id, Ct))!.WorkspaceId);

        // The home's own view (command line, scheduler) sees both.
        Assert.Equal(["my-shop", "their-shop"], (await Store.Connections.ListAsync(Ct)).Select(c => c.Name));

        // A second store instance (another process) gives the same answers.
        var other = await OpenAsync();
        Assert.Null(await other.Workspaces.ConnectionsOf(mine.Id).GetAsync(theirShop.Id, Ct));
    }

    [Fact]
    public async Task One_workspace_can_never_change_another_workspaces_connections()
    {
        var mine = (await Store.Workspaces.ListAsync(Ct))[0];
        var theirs = await Store.Workspaces.CreateAsync("Theirs", Ct);
        var mineView = Store.Workspaces.ConnectionsOf(mine.Id);
        var theirShop = NewConnection("their-shop");
        await Store.Workspaces.ConnectionsOf(theirs.Id).AddAsync(theirShop, Ct);

        // Updating their connection through my view, even naming my workspace, changes nothing.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            mineView.UpdateAsync(theirShop with { Name = "stolen", QboRealmId = "999", WorkspaceId = mine.Id }, Ct));
        Assert.Contains("does not exist in this workspace", error.Message, StringComparison.Ordinal);

        // Adding a connection to their workspace through my view is refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() => mineView.AddAsync(NewConnection("sneaky", theirs.Id), Ct));

        // Moving a connection by updating its workspace through the home's view does not move it either.
        await Store.Connections.UpdateAsync(theirShop with { WorkspaceId = mine.Id }, Ct);

        var read = await Store.Connections.GetAsync(theirShop.Id, Ct);
        Assert.Equal(("their-shop", null, theirs.Id), (read!.Name, read.QboRealmId, read.WorkspaceId));
        Assert.Empty(await mineView.ListAsync(Ct));
        Assert.Null(await Store.Connections.FindByNameAsync("sneaky", Ct));
    }

    [Fact]
    public async Task A_connection_added_to_a_workspace_that_does_not_exist_is_refused()
    {
        var ghost = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Workspaces.ConnectionsOf(ghost).AddAsync(NewConnection("ghost-shop"), Ct));
        Assert.Contains(ghost.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.Connections.ListAsync(Ct));
    }

    [Fact]
    public async Task Workspace_can_be_renamed_and_found_by_name()
    {
        var first = (await Store.Workspaces.ListAsync(Ct))[0];
        await Store.Workspaces.RenameAsync(first.Id, "  Maple Leaf Goods ", Ct);

        Assert.Equal("Maple Leaf Goods", (await Store.Workspaces.GetAsync(first.Id, Ct))!.Name);
        Assert.Equal(first.Id, (await Store.Workspaces.FindByNameAsync("Maple Leaf Goods", Ct))?.Id);
        Assert.Null(await Store.Workspaces.FindByNameAsync("Other", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Workspaces.RenameAsync(first.Id, " ", Ct));
    }

    [Fact]
    public async Task Users_are_found_by_email_without_regard_to_case_and_an_email_is_taken_once()
    {
        var workspace = (await Store.Workspaces.ListAsync(Ct))[0];
        Assert.False(await Store.Users.AnyAsync(Ct));
        var owner = NewUser("Owner@Example.com", workspace.Id, WorkspaceRole.Owner);
        await Store.Users.AddAsync(owner, Ct);

        var found = await Store.Users.FindByEmailAsync("  owner@EXAMPLE.com ", Ct);
        Assert.NotNull(found);
        Assert.Equal((owner.Id, "Owner@Example.com", WorkspaceRole.Owner, workspace.Id), (found.Id, found.Email, found.Role, found.WorkspaceId));
        Assert.Equal(owner.PasswordHash, found.PasswordHash);
        Assert.NotEmpty(found.SecurityStamp);
        Assert.True(await Store.Users.AnyAsync(Ct));

        var error = await Assert.ThrowsAsync<EmailTakenException>(() => Store.Users.AddAsync(NewUser("owner@example.com", workspace.Id), Ct));
        Assert.Contains("owner@example.com", error.Message, StringComparison.Ordinal);
        Assert.Single(await Store.Users.ListAsync(workspace.Id, Ct));
    }

    [Fact]
    public async Task Only_the_first_user_is_added_by_the_first_sign_up_even_when_two_race()
    {
        var workspace = (await Store.Workspaces.ListAsync(Ct))[0];
        var other = await OpenAsync();
        var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Store : other).Users.AddFirstAsync(NewUser($"owner{i}@example.com", workspace.Id, WorkspaceRole.Owner), Ct), Ct));

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(added => added));
        Assert.Single(await Store.Users.ListAsync(workspace.Id, Ct));
        Assert.False(await Store.Users.AddFirstAsync(NewUser("late@example.com", workspace.Id), Ct));
    }

    [Fact]
    public async Task A_password_change_replaces_the_hash_and_the_security_stamp()
    {
        var workspace = (await Store.Workspaces.ListAsync(Ct))[0];
        var user = NewUser("bookkeeper@example.com", workspace.Id);
        await Store.Users.AddAsync(user, Ct);
        var before = (await Store.Users.GetAsync(user.Id, Ct))!;
        Time.Advance(TimeSpan.FromHours(1));

        await Store.Users.SetPasswordAsync(user.Id, "AQAAAAIAAYagAAAAEnew-hash", Ct);

        var after = (await Store.Users.GetAsync(user.Id, Ct))!;
        Assert.Equal("AQAAAAIAAYagAAAAEnew-hash", after.PasswordHash);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(Stored(Time.GetUtcNow()), after.UpdatedAt);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Users.SetPasswordAsync(Guid.NewGuid(), "x", Ct));
    }

    [Fact]
    public async Task Renewing_the_security_stamp_keeps_the_password_and_ends_the_sessions()
    {
        var workspace = (await Store.Workspaces.ListAsync(Ct))[0];
        var user = NewUser("owner@example.com", workspace.Id, WorkspaceRole.Owner);
        await Store.Users.AddAsync(user, Ct);
        var before = (await Store.Users.GetAsync(user.Id, Ct))!;
        Time.Advance(TimeSpan.FromHours(1));

        await Store.Users.RenewSecurityStampAsync(user.Id, Ct);

        var after = (await Store.Users.GetAsync(user.Id, Ct))!;
        Assert.Equal(before.PasswordHash, after.PasswordHash);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.False(string.IsNullOrEmpty(after.SecurityStamp));
        Assert.Equal(Stored(Time.GetUtcNow()), after.UpdatedAt);
        await Store.Users.RenewSecurityStampAsync(Guid.NewGuid(), Ct);
    }

    [Fact]
    public async Task Users_are_listed_per_workspace()
    {
        var mine = (await Store.Workspaces.ListAsync(Ct))[0];
        var theirs = await Store.Workspaces.CreateAsync("Theirs", Ct);
        await Store.Users.AddAsync(NewUser("me@example.com", mine.Id, WorkspaceRole.Owner), Ct);
        await Store.Users.AddAsync(NewUser("them@example.com", theirs.Id, WorkspaceRole.Owner), Ct);

        Assert.Equal(["me@example.com"], (await Store.Users.ListAsync(mine.Id, Ct)).Select(u => u.Email));
        Assert.Equal(["them@example.com"], (await Store.Users.ListAsync(theirs.Id, Ct)).Select(u => u.Email));
    }
}
