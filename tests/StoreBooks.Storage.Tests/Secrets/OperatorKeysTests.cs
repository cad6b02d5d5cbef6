using StoreBooks.Storage.Secrets;
using Xunit;

namespace StoreBooks.Storage.Tests.Secrets;

/// <summary>Where hosted mode's operator keys come from, and what a missing or malformed one says.</summary>
public sealed class OperatorKeysTests
{
    private const string KeyText = "q83vEjRWeJq8EjRWeJq83vEjRWeJq83vEjRWeJq83vE=";
    private const string OtherText = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    [Fact]
    public void Without_a_key_hosted_mode_says_how_to_supply_one()
    {
        var error = Assert.Throws<KeyRingException>(() => OperatorKeys.Load(null, _ => null));

        Assert.StartsWith("Hosted mode needs the key that protects its database's credentials: set STOREBOOKS_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
        Assert.Contains("--key-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_key_is_named_by_where_it_came_from_never_shown()
    {
        var error = Assert.Throws<KeyRingException>(() => OperatorKeys.Load(null, Environment(("STOREBOOKS_KEY", "c2hvcnQ="))));

        Assert.Equal("The secret key in STOREBOOKS_KEY is 5 bytes long; it must be 32 bytes in base64 (44 characters). Make one with: openssl rand -base64 32", error.Message);
        var previous = Assert.Throws<KeyRingException>(() => OperatorKeys.Load(null, Environment(("STOREBOOKS_KEY", KeyText), ("STOREBOOKS_PREVIOUS_KEYS", $"{OtherText}, not-base64!"))));
        Assert.StartsWith("The secret key in STOREBOOKS_PREVIOUS_KEYS (key 2 of 2) is not base64.", previous.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherText, previous.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_file_wins_over_the_environment_and_previous_keys_are_read_for_decrypting_only()
    {
        var file = Path.Combine(Path.GetTempPath(), $"storebooks-key-{Guid.NewGuid():N}");
        File.WriteAllText(file, OtherText + "\n");
        try
        {
            var keys = OperatorKeys.Load(file, Environment(("STOREBOOKS_KEY", KeyText), ("STOREBOOKS_PREVIOUS_KEYS", KeyText)));

            Assert.Equal(file, keys.Source);
            var previous = Assert.Single(keys.Previous);
            Assert.Equal("STOREBOOKS_PREVIOUS_KEYS (key 1 of 1)", previous.Source);
            Assert.NotEqual(keys.Current.Id, previous.Id);
            Assert.Same(previous, keys.Find(previous.Id));
            Assert.Null(keys.Find("0000000000000000"));
        }
        finally
        {
            File.Delete(file);
        }

        var missing = Assert.Throws<KeyRingException>(() => OperatorKeys.Load(file, _ => null));
        Assert.StartsWith($"StoreBooks cannot read the key file {file} (--key-file or STOREBOOKS_KEY_FILE):", missing.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
