using System.Globalization;
using System.Text.Json;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Fixtures;

/// <summary>
/// Compares a real payload with what the typed model writes back: same fields and values (numbers as decimals, times
/// as instants); a null in the original may be left out. A difference names its JSON path.
/// </summary>
internal static class JsonEquivalence
{
    public static void AssertSame(JsonElement original, JsonElement written, string path = "$")
    {
        if (original.ValueKind == JsonValueKind.Object)
        {
            Assert.True(written.ValueKind == JsonValueKind.Object, $"{path}: expected an object, the model wrote {written.ValueKind}");
            var writtenProperties = written.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            foreach (var property in original.EnumerateObject())
            {
                if (!writtenProperties.TryGetValue(property.Name, out var value))
                {
                    Assert.True(property.Value.ValueKind == JsonValueKind.Null, $"{path}.{property.Name} was lost by the model");
                    continue;
                }

                AssertSame(property.Value, value, $"{path}.{property.Name}");
                writtenProperties.Remove(property.Name);
            }

            Assert.True(writtenProperties.Count == 0, $"{path}: the model invented {string.Join(", ", writtenProperties.Keys)}");
            return;
        }

        if (original.ValueKind == JsonValueKind.Array)
        {
            Assert.True(written.ValueKind == JsonValueKind.Array, $"{path}: expected an array");
            var a = original.EnumerateArray().ToList();
            var b = written.EnumerateArray().ToList();
            Assert.True(a.Count == b.Count, $"{path}: {a.Count} items became {b.Count}");
            for (var i = 0; i < a.Count; i++)
            {
                AssertSame(a[i], b[i], $"{path}[{i}]");
            }

            return;
        }

        if (original.ValueKind == JsonValueKind.Number)
        {
            Assert.True(written.ValueKind == JsonValueKind.Number, $"{path}: number became {written.ValueKind}");
            Assert.True(original.GetDecimal() == written.GetDecimal(), $"{path}: {original.GetRawText()} became {written.GetRawText()}");
            return;
        }

        if (original.ValueKind == JsonValueKind.String && written.ValueKind == JsonValueKind.String)
        {
            var x = original.GetString()!;
            var y = written.GetString()!;
            if (x == y || (x.Length > 10 && DateTimeOffset.TryParse(x, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dx)
                && DateTimeOffset.TryParse(y, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dy) && dx == dy))
            {
                return;
            }

            Assert.Fail($"{path}: '{x}' became '{y}'");
        }

        Assert.True(original.GetRawText() == written.GetRawText(), $"{path}: {original.GetRawText()} became {written.GetRawText()}");
    }
}
