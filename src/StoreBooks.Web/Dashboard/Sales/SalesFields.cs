using StoreBooks.Web.Dashboard.Products;

namespace StoreBooks.Web.Dashboard.Sales;

/// <summary>One choice of a picker: the value saved and what the merchant reads.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>
/// A setting's picker: its field name (the setting's key), its words (resource keys), the choices, which one the setting names now,
/// and a saved value that is not among the choices (kept as a choice of its own, so saving never changes it silently).
/// </summary>
public sealed record SelectField(string Key, string Label, string Hint, string Empty, IReadOnlyList<Choice> Choices, string? Selected, string? Unknown)
{
    /// <summary>The HTML id: by the key, or given (map entries, whose names are the store's).</summary>
    public string Id { get; init; } = SettingsForm.FieldId(Key);

    /// <summary>The field's words are already in the reader's language (a store's tax or gateway name).</summary>
    public bool LabelIsText { get; init; }

    public string? Message { get; init; }

    /// <summary>A picker whose current value is matched by <paramref name="same"/> (an id or a name).</summary>
    public static SelectField For(string key, string label, string hint, string empty, IReadOnlyList<Choice> choices, string? current, Func<Choice, string, bool> same)
    {
        if (string.IsNullOrWhiteSpace(current))
        {
            return new SelectField(key, label, hint, empty, choices, null, null);
        }

        var found = choices.FirstOrDefault(c => same(c, current.Trim()));
        return found is not null
            ? new SelectField(key, label, hint, empty, choices, found.Value, null)
            : new SelectField(key, label, hint, empty, choices, current.Trim(), current.Trim());
    }

    public static SelectField Accounts(string key, string label, string hint, string empty, AccountPicker picker) =>
        new(key, label, hint, empty, picker.Choices.Select(c => new Choice(c.Id, c.Name)).ToList(), picker.Selected, picker.Unknown);
}

/// <summary>A text setting that names a QuickBooks record (an item, a customer), with the names QuickBooks has offered as suggestions.</summary>
public sealed record NameField(string Key, string Label, string Hint, string Value, string Suggestions)
{
    public string Id => SettingsForm.FieldId(Key);

    public string? Message { get; init; }
}
