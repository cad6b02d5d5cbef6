using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using NpgsqlTypes;
using StoreBooks.Storage.Secrets;
using StoreBooks.Storage.Secrets.KeyRing;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// Hosted mode's Data Protection key ring: data keys in <c>data_protection_keys</c> (<see cref="PostgresKeyRingRepository"/>),
/// their master keys encrypted with the operator's key (<see cref="KeyRingXmlEncryptor"/>). Data Protection makes a new data key
/// every <see cref="DataKeyLifetime"/> and keeps the old ones, so what they protected stays readable.
/// </summary>
/// <remarks>
/// Opening it is the start-up step, under an advisory lock so processes starting at once take turns: every stored key is
/// decrypted with the operator's keys (a key that opens none of them stops the start with a <see cref="KeyRingException"/>
/// saying which key the ring needs; Data Protection would otherwise log the failure and make a new, empty ring); keys still
/// encrypted with a previous operator key are encrypted again with the current one; and when the ring has no usable data key
/// one is made, once, by whichever process got the lock first.
/// </remarks>
internal sealed class PostgresKeyRing : IDisposable
{
    /// <summary>How long a data key is the one new secrets are protected with before Data Protection makes the next.</summary>
    public static readonly TimeSpan DataKeyLifetime = TimeSpan.FromDays(90);

    /// <summary>The application name Data Protection isolates payloads by; changing it makes every stored credential unreadable.</summary>
    private const string ApplicationName = "StoreBooks";

    /// <summary>First key of the key ring's advisory lock ("SBkr"); the second is the schema's name hashed.</summary>
    private const int LockClass = 0x53426B72;

    private readonly ServiceProvider _services;
    private readonly PostgresDatabase _database;
    private readonly PostgresKeyRingRepository _repository;
    private readonly OperatorKeys _operatorKeys;

    private PostgresKeyRing(ServiceProvider services, PostgresDatabase database, PostgresKeyRingRepository repository, OperatorKeys operatorKeys)
    {
        _services = services;
        _database = database;
        _repository = repository;
        _operatorKeys = operatorKeys;
        Provider = services.GetRequiredService<IDataProtectionProvider>();
        Keys = services.GetRequiredService<IKeyManager>();
    }

    public IDataProtectionProvider Provider { get; }

    internal IKeyManager Keys { get; }

    /// <summary>Credentials protected by this ring.</summary>
    public KeyRingCredentialProtector Credentials => new(Provider);

    /// <summary>
    /// Keeps another Data Protection user's keys in this ring (the same table, encrypted with the operator's key): what one process
    /// protected, any process on the database reads. Its application name keeps its payloads apart from the credentials'.
    /// </summary>
    public void Share(IDataProtectionBuilder dataProtection)
    {
        dataProtection.Services.AddSingleton(_operatorKeys);
        dataProtection.SetDefaultKeyLifetime(DataKeyLifetime);
        dataProtection.Services.Configure<KeyManagementOptions>(options =>
        {
            options.XmlRepository = _repository;
            options.XmlEncryptor = new KeyRingXmlEncryptor(_operatorKeys);
        });
    }

    /// <summary>Opens the ring on <paramref name="database"/>, which it owns from then on (a pool of its own; see PostgresStateStore).</summary>
    public static async Task<PostgresKeyRing> OpenAsync(PostgresDatabase database, OperatorKeys keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(keys);
        services.AddSingleton(time);
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .SetDefaultKeyLifetime(DataKeyLifetime);
        var repository = new PostgresKeyRingRepository(database, time);
        services.Configure<KeyManagementOptions>(options =>
        {
            options.XmlRepository = repository;
            options.XmlEncryptor = new KeyRingXmlEncryptor(keys);
        });
        var ring = new PostgresKeyRing(services.BuildServiceProvider(), database, repository, keys);
        try
        {
            await ring.CheckAndPrepareAsync(database, keys, time, cancellationToken).ConfigureAwait(false);
            return ring;
        }
        catch
        {
            ring.Dispose();
            throw;
        }
    }

    /// <summary>A new data key, in use from now (what Data Protection does by itself every <see cref="DataKeyLifetime"/>).</summary>
    internal IKey MakeNewDataKey(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return Keys.CreateNewKey(now, now + DataKeyLifetime);
    }

    private async Task CheckAndPrepareAsync(PostgresDatabase database, OperatorKeys keys, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockRing = db.Command("SELECT pg_advisory_xact_lock(@class, hashtext(current_schema()));", transaction)
            .With("class", LockClass, NpgsqlDbType.Integer))
        {
            await lockRing.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rows = new List<(string Name, string Xml)>();
        await using (var select = db.Command("SELECT name, xml FROM data_protection_keys ORDER BY created_at, name;", transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, xml) in rows)
        {
            var element = XElement.Parse(xml);
            if (!Reencrypt(element, keys))
            {
                continue;
            }

            await using var update = db.Command("UPDATE data_protection_keys SET xml = @xml WHERE name = @name;", transaction)
                .WithText("name", name)
                .WithText("xml", element.ToString(SaveOptions.DisableFormatting));
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Data Protection reads the ring through its repository, outside this transaction, and may still see a key encrypted with a
        // previous operator key until the commit: it is given the previous keys too, so both read the same.
        var now = time.GetUtcNow();
        var usable = Keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now + TimeSpan.FromDays(2));
        if (!usable)
        {
            MakeNewDataKey(time);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decrypts every encrypted part of a stored key (a <see cref="KeyRingException"/> when one does not open) and encrypts again,
    /// with the current operator key, those a previous key encrypted; true when it changed anything.
    /// </summary>
    private static bool Reencrypt(XElement element, OperatorKeys keys)
    {
        var changed = false;
        foreach (var secret in element.Descendants().Where(e => e.Name.LocalName == "encryptedSecret").ToList())
        {
            var encrypted = secret.Elements().FirstOrDefault() ?? throw new KeyRingException(
                "A key of this database's key ring has an empty encrypted part: the row in data_protection_keys was damaged. Restore the table from a backup.");
            var decrypted = KeyRingXml.Decrypt(encrypted, keys);
            if (KeyRingXml.KeyIdOf(encrypted) != keys.Current.Id)
            {
                encrypted.ReplaceWith(KeyRingXml.Encrypt(decrypted, keys.Current));
                changed = true;
            }
        }

        return changed;
    }

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
    }
}
