using System.Text.Json.Serialization;
using StoreBooks.Core.Messages;

namespace StoreBooks.Core.Products;

/// <summary>
/// One problem with a connection's settings: which setting (its key, as a merchant types it: <c>products.incomeAccount</c>,
/// <c>sales.docNumberPrefix</c>, <c>syncInterval</c>), and a message the merchant can act on, naming the value and what to change.
/// <see cref="Detail"/> is the message from the catalogue (<see cref="SettingsMessages"/>), for the dashboard to show in the reader's
/// language; null for a message that has no template yet (then <see cref="Message"/> is shown in every language).
/// </summary>
public sealed record SettingsProblem(string Setting, string Message, [property: JsonIgnore] SyncMessage? Detail = null)
{
    /// <summary>The problem of <paramref name="setting"/> as a catalogue message says it (its English text is <see cref="Message"/>).</summary>
    public SettingsProblem(string setting, SyncMessage detail)
        : this(setting, detail.Text, detail)
    {
    }
}
