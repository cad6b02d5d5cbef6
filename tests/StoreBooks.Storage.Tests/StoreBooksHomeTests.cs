using Xunit;

namespace StoreBooks.Storage.Tests;

public sealed class StoreBooksHomeTests
{
    [Fact]
    public void Home_option_wins_over_the_environment_variable()
    {
        var home = StoreBooksHome.Resolve("/tmp/from-option", name => name == "STOREBOOKS_HOME" ? "/tmp/from-env" : null);
        Assert.Equal("/tmp/from-option", home.Directory);
        Assert.Equal("/tmp/from-option/storebooks.db", home.DatabasePath);
        Assert.Equal("/tmp/from-option/secret.key", home.SecretKeyPath);
    }

    [Fact]
    public void Environment_variable_is_used_without_the_option()
    {
        var home = StoreBooksHome.Resolve(null, name => name == "STOREBOOKS_HOME" ? "/tmp/from-env" : null);
        Assert.Equal("/tmp/from-env", home.Directory);
    }

    [Fact]
    public void Default_is_dot_storebooks_in_the_user_profile()
    {
        var home = StoreBooksHome.Resolve("  ", _ => null);
        var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(profile, ".storebooks"), home.Directory);
    }

    [Fact]
    public void Relative_and_tilde_paths_become_absolute()
    {
        var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(profile, "books"), StoreBooksHome.Resolve("~/books", _ => null).Directory);
        Assert.Equal(Path.GetFullPath("state"), StoreBooksHome.Resolve("state", _ => null).Directory);
        Assert.Equal("/tmp/books", StoreBooksHome.Resolve("/tmp/books/", _ => null).Directory);
    }

    [Fact]
    public async Task Opening_the_store_creates_the_folder_database_and_key()
    {
        using var temporary = new TemporaryHome();
        Assert.False(Directory.Exists(temporary.Home.Directory));

        await using (await StateStore.OpenSqliteAsync(temporary.Home, TestContext.Current.CancellationToken))
        {
        }

        Assert.True(File.Exists(temporary.Home.DatabasePath));
        Assert.True(File.Exists(temporary.Home.SecretKeyPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temporary.Home.Directory));
        }
    }
}
