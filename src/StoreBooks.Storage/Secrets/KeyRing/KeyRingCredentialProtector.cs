using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using StoreBooks.Core.State;

namespace StoreBooks.Storage.Secrets.KeyRing;

/// <summary>
/// Credentials in hosted mode: protected by ASP.NET Core Data Protection with the database's key ring, the connection id and
/// system as purposes (a value copied onto another connection's row does not open). Stored form: one format byte (2), then
/// Data Protection's payload, which names the data key that protected it; a data key that has been replaced by a newer one
/// still opens what it protected.
/// </summary>
internal sealed class KeyRingCredentialProtector : ICredentialProtector
{
    public const byte Format = 2;
    private const string Purpose = "StoreBooks.Credentials.v1";

    private readonly IDataProtectionProvider _provider;

    public KeyRingCredentialProtector(IDataProtectionProvider provider)
    {
        _provider = provider;
    }

    public byte[] Encrypt(Guid connectionId, string system, string value)
    {
        var plaintext = Encoding.UTF8.GetBytes(value);
        try
        {
            var payload = ProtectorFor(connectionId, system).Protect(plaintext);
            return [Format, .. payload];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public string Decrypt(Guid connectionId, string system, long version, byte[] stored)
    {
        if (stored.Length > 0 && stored[0] == 1)
        {
            throw new UnreadableCredentialException(
                connectionId,
                system,
                version,
                $"The {system} credential of connection {connectionId} was saved by an earlier hosted StoreBooks with a home's secret key, " +
                $"not with this database's key ring; connect {system} again to replace it.");
        }

        if (stored.Length < 2 || stored[0] != Format)
        {
            throw new UnreadableCredentialException(
                connectionId,
                system,
                version,
                $"The {system} credential of connection {connectionId} is not in a format this StoreBooks knows; connect {system} again to replace it.");
        }

        byte[] plaintext;
        try
        {
            plaintext = ProtectorFor(connectionId, system).Unprotect(stored.AsSpan(1).ToArray());
        }
        catch (CryptographicException e)
        {
            throw new UnreadableCredentialException(
                connectionId,
                system,
                version,
                $"The {system} credential of connection {connectionId} cannot be opened with this database's key ring ({e.Message}). " +
                $"Its data key is missing or revoked, or the row was copied from another database; connect {system} again to replace it.",
                e);
        }

        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private IDataProtector ProtectorFor(Guid connectionId, string system) =>
        _provider.CreateProtector(Purpose, connectionId.ToString("D"), system);
}
