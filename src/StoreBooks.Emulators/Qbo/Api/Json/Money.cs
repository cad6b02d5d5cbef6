using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api.Json;

/// <summary>Money as QBO handles it: decimals rounded to the cent (half away from zero) and echoed as JSON numbers.</summary>
internal static class Money
{
    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Drops trailing zeros so 100.00 is written as 100 and 337.50 as 337.5, the way QBO echoes numbers.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static JsonValue Node(decimal value) => JsonValue.Create(Normalize(value));

    public static JsonValue CentsNode(decimal value) => JsonValue.Create(Normalize(Round(value)));
}
