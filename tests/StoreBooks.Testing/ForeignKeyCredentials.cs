using System.Security.Cryptography;
using StoreBooks.Storage;
using Xunit;

namespace StoreBooks.Testing;

/// <summary>
/// A credential written into a StoreBooks home's state store encrypted with another secret key, as when the key was lost or
/// replaced, or the row came from another machine: the home's own store finds it but cannot read it.
/// </summary>
public static class ForeignKeyCredentials
{
    /// <summary>Stores <paramref name="value"/> as the connection's <paramref name="system"/> credential (none may be stored yet).</summary>
    public static async Task SaveAsync(string homeDirectory, Guid connectionId, string system, string value)
    {
        var otherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var home = StoreBooksHome.Resolve(homeDirectory, name => name == StoreBooksHome.SecretKeyVariable ? otherKey : null);
        await using var store = await StateStore.OpenSqliteAsync(home, CancellationToken.None);
        Assert.True(
            await store.Credentials.TrySaveAsync(connectionId, system, value, 0, CancellationToken.None),
            $"A {system} credential of connection {connectionId} was already stored.");
    }
}
