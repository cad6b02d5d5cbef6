namespace StoreBooks.Core.Messages;

/// <summary>Why a value typed for a setting does not read as that setting's type (<see cref="Connections.SettingValues"/>).</summary>
public static class SettingValueMessages
{
    public static readonly MessageTemplate NoValue = new("settings.value.none", "no value given: write {expected}.");

    public static readonly MessageTemplate ExpectedBoolean = new("settings.value.expected.boolean", "true or false");

    public static readonly MessageTemplate ExpectedChoice = new("settings.value.expected.choice", "one of {choices}");

    public static readonly MessageTemplate ExpectedDate = new("settings.value.expected.date", "a date as YYYY-MM-DD");

    public static readonly MessageTemplate ExpectedInterval = new("settings.value.expected.interval", "a length of time as HH:MM:SS");

    public static readonly MessageTemplate ExpectedValue = new("settings.value.expected.value", "a value");

    public static readonly MessageTemplate NotBoolean = new("settings.value.not-boolean", "\"{text}\" is not true or false: write true or false.");

    public static readonly MessageTemplate NotChoice = new("settings.value.not-choice", "\"{text}\" is not one of its values: {choices}.");

    public static readonly MessageTemplate NotInterval = new("settings.value.not-interval",
        "\"{text}\" is not a length of time: write hours:minutes:seconds, e.g. 00:15:00 for every 15 minutes, or 01:00:00 for every hour{end}");

    public static readonly MessageTemplate IntervalOrNothing = new("settings.value.interval.or-nothing", " (or nothing, for no scheduled syncs).");

    public static readonly MessageTemplate CannotSet = new("settings.value.cannot-set", "\"{text}\" cannot be set here.");

    public static readonly MessageTemplate NotDate = new("settings.value.not-date", "\"{text}\" is not a date written YYYY-MM-DD{hint}.");

    public static readonly MessageTemplate DateReading = new("settings.value.date.reading", " (for {day}, write {written})");

    public static readonly MessageTemplate DateHowTo = new("settings.value.date.how-to", " (year, month, day: e.g. 2026-01-31 for {example})");

    public static readonly MessageTemplate NotList = new("settings.value.not-list",
        "\"{text}\" is not a list: write the values in brackets, each in quotes, e.g. {example} (in a shell, quote the whole: '...={example}').{values}");

    public static readonly MessageTemplate ListValues = new("settings.value.list.values", " The values are {choices}.");

    public static readonly MessageTemplate NotInList = new("settings.value.not-in-list", "\"{item}\" in {text} is not one of the values.{values}");

    public static readonly MessageTemplate NotMap = new("settings.value.not-map",
        "\"{text}\" is not a list of names and values: write it in braces, e.g. {example} (in a shell, quote the whole: '...={example}').");

    public static readonly MessageTemplate MapEntry = new("settings.value.map-entry", "In {text}, \"{name}\": {problem}");

    public static readonly MessageTemplate NotRecord = new("settings.value.not-record", "\"{text}\" is not in braces: write it as {example}.");

    public static readonly MessageTemplate NotField = new("settings.value.not-field", "\"{name}\" in {text} is not one of {fields}: write it as {example}.");

    public static readonly MessageTemplate RecordField = new("settings.value.record-field", "In {text}, {name}: {problem}");
}
