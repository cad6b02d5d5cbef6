using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Storage;
using StoreBooks.Storage.Secrets;
using Xunit;

namespace StoreBooks.Storage.Tests.Secrets;

public sealed class SecretKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Key_file_is_created_once_with_owner_only_permissions_and_reused()
    {
        using var temporary = new TemporaryHome();

        var first = temporary.Home.LoadOrCreateSecretKey();
        var text = File.ReadAllText(temporary.Home.SecretKeyPath).Trim();
        var second = temporary.Home.LoadOrCreateSecretKey();

        Assert.Equal(32, Convert.FromBase64String(text).Length);
        Assert.Equal(temporary.Home.SecretKeyPath, first.Source);
        Assert.Equal(first.Bytes.ToArray(), second.Bytes.ToArray());
        Assert.DoesNotContain(text, first.ToString(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temporary.Home.SecretKeyPath));
        }
    }

    [Fact]
    public async Task Processes_creating_the_key_at_once_agree_on_one_key()
    {
        using var temporary = new TemporaryHome();
        temporary.Home.EnsureExists();

        var keys = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => temporary.Home.LoadOrCreateSecretKey().Bytes.ToArray(), Ct)));

        Assert.Single(keys.Select(Convert.ToBase64String).Distinct());
        Assert.Equal(["secret.key"], Directory.GetFiles(temporary.Home.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Environment_key_wins_and_no_key_file_is_written()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        using var temporary = new TemporaryHome(name => name == "STOREBOOKS_SECRET_KEY" ? key : null);

        var loaded = temporary.Home.LoadOrCreateSecretKey();

        Assert.Equal("STOREBOOKS_SECRET_KEY", loaded.Source);
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i), loaded.Bytes.ToArray());
        Assert.False(File.Exists(temporary.Home.SecretKeyPath));
    }

    [Theory]
    [InlineData("c2hvcnQta2V5", "is 9 bytes long")]
    [InlineData("not base64 at all!", "is not base64")]
    public void A_bad_environment_key_is_refused_without_showing_it(string value, string expected)
    {
        using var temporary = new TemporaryHome(name => name == "STOREBOOKS_SECRET_KEY" ? value : null);

        var error = Assert.Throws<StoreBooksHomeException>(temporary.Home.LoadOrCreateSecretKey);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("STOREBOOKS_SECRET_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_keyed_by_the_environment_reads_its_secrets_back_in_a_new_instance()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var temporary = new TemporaryHome(name => name == "STOREBOOKS_SECRET_KEY" ? key : null);
        var connection = new Connection { Id = Guid.NewGuid(), Name = "shop", SourceKind = "csv", SourceSettings = new JsonObject() };

        await using (var store = await StateStore.OpenSqliteAsync(temporary.Home, Ct))
        {
            await store.Connections.AddAsync(connection, Ct);
            Assert.True(await store.Credentials.TrySaveAsync(connection.Id, "shopify", "shpat_abc", 0, Ct));
        }

        await using (var again = await StateStore.OpenSqliteAsync(temporary.Home, Ct))
        {
            Assert.Equal("shpat_abc", (await again.Credentials.GetAsync(connection.Id, "shopify", Ct))?.Value);
        }

        Assert.False(File.Exists(temporary.Home.SecretKeyPath));
    }
}
