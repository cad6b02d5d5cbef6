using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// Data Protection's key ring in the <c>data_protection_keys</c> table, shared by every process on the database. Data Protection
/// calls it synchronously, so it does too. Elements are only ever added (a name already there is left as it is); the start-up
/// step of <see cref="PostgresKeyRing"/> re-encrypts them in place after the operator's key is rotated.
/// </summary>
internal sealed class PostgresKeyRingRepository : IXmlRepository
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;

    public PostgresKeyRingRepository(PostgresDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = _database.Open();
        using var command = db.Command("SELECT xml FROM data_protection_keys ORDER BY created_at, name;");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = _database.Open();
        using var command = db.Command("INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @created_at) ON CONFLICT (name) DO NOTHING;")
            .WithText("name", string.IsNullOrWhiteSpace(friendlyName) ? $"element-{Guid.NewGuid():D}" : friendlyName)
            .WithText("xml", element.ToString(SaveOptions.DisableFormatting))
            .WithTime("created_at", _time.GetUtcNow());
        command.ExecuteNonQuery();
    }
}
