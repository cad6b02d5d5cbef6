using System.Globalization;
using StoreBooks.Core.Messages;
using Xunit;

namespace StoreBooks.Core.Tests.Messages;

/// <summary>Messages keep their English text exactly, name their arguments, travel as JSON, and render in another language.</summary>
public sealed class SyncMessageTests
{
    [Fact]
    public void A_template_needs_each_placeholder_once_and_no_other_argument()
    {
        Assert.Equal(["order", "sum", "reported"], OrderMessages.LinesMismatch.Placeholders);
        Assert.Throws<ArgumentException>(() => OrderMessages.LinesMismatch.With(("order", "order #1")));
        Assert.Throws<ArgumentException>(() => OrderMessages.Reference.With(("number", "1"), ("extra", "x")));
        Assert.Throws<ArgumentException>(() => OrderMessages.Reference.With(("number", "1"), ("number", "2")));
    }

    [Fact]
    public void Every_code_is_unique_and_every_template_parses()
    {
        var all = MessageCatalog.All;
        Assert.True(all.Count > 50);
        Assert.Equal(all.Count, all.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, t => Assert.DoesNotContain("{{", t.English, StringComparison.Ordinal));
        Assert.Contains(all, t => t.Code == "order.line.no-sku");
    }

    [Fact]
    public void Json_keeps_nested_messages_numbers_and_lists()
    {
        var order = OrderMessages.Reference.With(("number", "1043"));
        var message = OrderMessages.LineReference.With(("order", order), ("position", 2),
            ("parts", MessageArg.List([OrderMessages.LineSku.With(("sku", "ABC-1")), "Organic Tee", SyncMessage.Untranslated("orders.csv line 13")], ", ")));
        var total = OrderMessages.TaxesMismatch.With(("order", message), ("sum", MessageArg.Number(-0.125m, "0.00###")), ("reported", MessageArg.Number(7m, "0.00###")));
        Assert.Equal("order #1043, line 2 (SKU ABC-1, Organic Tee, orders.csv line 13): its taxes by line add up to -0.125, not the 7.00 tax the store reports.", total.Text);

        var read = SyncMessageJson.Read(total.Code, SyncMessageJson.WriteArgs(total), total.Text);

        Assert.Equal(total.Code, read.Code);
        Assert.Equal(SyncMessageJson.WriteArgs(total), SyncMessageJson.WriteArgs(read));
        var french = new Dictionary<string, string>
        {
            ["order.ref"] = "commande no {number}",
            ["order.line.ref"] = "{order}, ligne {position} ({parts})",
            ["order.line.sku"] = "UGS {sku}",
            ["order.taxes-sum"] = "{order} : taxes {sum} au lieu de {reported}.",
        };
        Assert.Equal("commande no 1043, ligne 2 (UGS ABC-1, Organic Tee, orders.csv line 13) : taxes -0,125 au lieu de 7,00.",
            read.Render(french.GetValueOrDefault, DecimalComma()));
    }

    [Fact]
    public void A_message_without_a_template_in_the_language_keeps_its_English_text()
    {
        var message = OrderMessages.NoLines.With(("order", OrderMessages.Reference.With(("number", "7"))));
        Assert.Equal("order #7 has no product lines; there is nothing to post.", message.Render(_ => null, DecimalComma()));
        Assert.Equal("as written", SyncMessage.Untranslated("as written").Render(_ => "never used", DecimalComma()));
        var joined = SyncMessage.Join([message, SyncMessage.Untranslated("Then this.")]);
        Assert.Equal(message.Text + " Then this.", joined.Text);
        Assert.Same(message, SyncMessage.Join([message]));
    }

    /// <summary>A culture writing a decimal comma, as French does (these tests run without the culture data of ICU).</summary>
    private static CultureInfo DecimalComma()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        return culture;
    }
}
