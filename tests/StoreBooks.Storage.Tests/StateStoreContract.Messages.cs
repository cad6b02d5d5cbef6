using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;
using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>The contract for an issue's message code and arguments (schema 7) and a run error's (schema 8).</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Issue_message_code_and_arguments_round_trip_nested_and_in_numbers()
    {
        var connection = await AddConnectionAsync();
        var order = OrderMessages.Reference.With(("number", "1043"));
        var line = OrderMessages.LineReference.With(("order", order), ("position", 2),
            ("parts", MessageArg.List([OrderMessages.LineSku.With(("sku", "ABC-1")), "Organic Tee - Large"], ", ")));
        var detail = SyncMessage.Join([
            OrderMessages.NoSku.With(("at", line)),
            OrderMessages.LinesMismatch.With(("order", order), ("sum", MessageArg.Number(1234.5m, "0.00###")), ("reported", MessageArg.Number(12.3m, "0.00###"))),
        ]);
        var issue = new SyncIssue
        {
            Id = Guid.NewGuid(),
            ConnectionId = connection.Id,
            Kind = LinkKind.Sale,
            SourceId = "1043",
            Reference = "order #1043",
            Message = detail.Text,
            Detail = detail,
            RaisedAt = Time.GetUtcNow(),
        };
        await Store.Runs.RaiseAsync(issue, Ct);

        var read = Assert.Single(await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct));
        Assert.StartsWith("order #1043, line 2 (SKU ABC-1, Organic Tee - Large): the product has no SKU", read.Message, StringComparison.Ordinal);
        Assert.NotNull(read.Detail);
        Assert.Equal("joined", read.Detail.Code);
        Assert.Equal(detail.Text, read.Detail.Text);
        // PostgreSQL's jsonb keeps an object's keys in an order of its own: the same JSON, compared as JSON.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SyncMessageJson.WriteArgs(detail)), JsonNode.Parse(SyncMessageJson.WriteArgs(read.Detail))));
        var french = new Dictionary<string, string>
        {
            ["joined"] = "{parts}",
            ["order.ref"] = "commande no {number}",
            ["order.line.ref"] = "{order}, ligne {position} ({parts})",
            ["order.line.sku"] = "UGS {sku}",
            ["order.line.no-sku"] = "{at} : aucune UGS.",
            ["order.lines-sum"] = "{order} : {sum} et non {reported}.",
        };
        Assert.Equal("commande no 1043, ligne 2 (UGS ABC-1, Organic Tee - Large) : aucune UGS. commande no 1043 : 1234,50 et non 12,30.",
            read.Detail.Render(french.GetValueOrDefault, DecimalComma()));

        // Raised again with the same words but only their text (a refusal repeated from the link), it keeps its code and arguments.
        await Store.Runs.RaiseAsync(issue with { Id = Guid.NewGuid(), Detail = SyncMessage.Untranslated(detail.Text) }, Ct);
        Assert.Equal("joined", Assert.Single(await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct)).Detail?.Code);

        // Raised again with other words and no code, it is shown as its text.
        await Store.Runs.RaiseAsync(issue with { Id = Guid.NewGuid(), Message = "another problem", Detail = null }, Ct);
        var plain = Assert.Single(await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct));
        Assert.Equal("another problem", plain.Message);
        Assert.Null(plain.Detail);
    }

    [Fact]
    public async Task Run_error_code_and_arguments_round_trip_and_an_error_without_a_code_reads_as_its_text()
    {
        var connection = await AddConnectionAsync();
        var started = Time.GetUtcNow();
        var last = OrderMessages.Unreachable.With(("order", OrderMessages.Reference.With(("number", "1043"))), ("detail", "The operation has timed out."));
        var error = RunMessages.Unreachable.With(("count", 25), ("last", last));
        var run = await Store.Runs.StartAsync(connection.Id, "manual", started, Ct);
        await Store.Runs.FinishAsync(run with { FinishedAt = started.AddMinutes(1), Outcome = RunOutcome.Failed, Error = error.Text, ErrorDetail = error }, Ct);

        var read = Assert.Single(await Store.Runs.ListRunsAsync(connection.Id, 10, Ct));
        Assert.Equal(error.Text, read.Error);
        Assert.StartsWith("QuickBooks could not be reached for 25 orders in a row; the run stopped and the next one goes on from here. Last: order #1043: ", read.Error, StringComparison.Ordinal);
        Assert.NotNull(read.ErrorDetail);
        Assert.Equal("run.unreachable", read.ErrorDetail.Code);
        Assert.Equal(error.Text, read.ErrorDetail.Text);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SyncMessageJson.WriteArgs(error)), JsonNode.Parse(SyncMessageJson.WriteArgs(read.ErrorDetail))));
        var french = new Dictionary<string, string>
        {
            ["run.unreachable"] = "QuickBooks injoignable pour {count} commandes. Dernière : {last}",
            ["order.unreachable"] = "{order} : injoignable. {detail}",
            ["order.ref"] = "commande no {number}",
        };
        Assert.Equal("QuickBooks injoignable pour 25 commandes. Dernière : commande no 1043 : injoignable. The operation has timed out.",
            read.ErrorDetail.Render(french.GetValueOrDefault, DecimalComma()));

        // A run stopped by words that have no template (QuickBooks' own) keeps them, with no code; a run still going has neither.
        var other = await Store.Runs.StartAsync(connection.Id, "schedule", started.AddHours(1), Ct);
        await Store.Runs.FinishAsync(other with { FinishedAt = started.AddHours(1).AddMinutes(1), Outcome = RunOutcome.Failed, Error = "The refresh token was revoked.", ErrorDetail = SyncMessage.Untranslated("The refresh token was revoked.") }, Ct);
        var running = await Store.Runs.StartAsync(connection.Id, "webhook", started.AddHours(2), Ct);
        var runs = await Store.Runs.ListRunsAsync(connection.Id, 10, Ct);
        var plain = Assert.Single(runs, r => r.Id == other.Id);
        Assert.Equal("The refresh token was revoked.", plain.Error);
        Assert.Null(plain.ErrorDetail);
        var open = Assert.Single(runs, r => r.Id == running.Id);
        Assert.Null(open.Error);
        Assert.Null(open.ErrorDetail);
    }

    [Fact]
    public async Task Link_warning_codes_round_trip_beside_their_texts_and_a_warning_without_a_code_reads_as_its_text()
    {
        var connection = await AddConnectionAsync();
        var order = OrderMessages.Reference.With(("number", "1043"));
        var cut = WarningMessages.NoteCut.With(("order", order), ("length", 5000), ("max", 4000));
        var plain = SyncMessage.Untranslated("order #1043: the store's own warning.");
        var link = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "1043", Ct);
        await Store.Links.SaveAsync(link with { State = LinkState.Done, QboId = "77", Warnings = [cut.Text, plain.Text], WarningDetails = [cut, plain] }, Ct);

        var read = (await Store.Links.FindAsync(connection.Id, LinkKind.Sale, "1043", Ct))!;
        Assert.Equal([cut.Text, plain.Text], read.Warnings);
        Assert.Equal(["order.warning.note-cut", null], read.WarningDetails.Select(d => d.Code));
        Assert.Equal(cut.Text, read.WarningDetails[0].Text);
        Assert.Equal("commande no 1043 : 5000 caractères coupés à 4000.",
            read.WarningDetails[0].Render(new Dictionary<string, string> { ["order.ref"] = "commande no {number}", ["order.warning.note-cut"] = "{order} : {length} caractères coupés à {max}." }.GetValueOrDefault, DecimalComma()));
        Assert.Equal(read.WarningDetails.Select(d => d.Code), Assert.Single(await Store.Links.ListWarnedAsync(connection.Id, LinkKind.Sale, 10, Ct)).WarningDetails.Select(d => d.Code));

        // Warnings kept without their codes (before schema 9) read as their texts.
        await Store.Links.SaveAsync(read with { Warnings = [plain.Text], WarningDetails = [] }, Ct);
        var older = (await Store.Links.FindAsync(connection.Id, LinkKind.Sale, "1043", Ct))!;
        Assert.Equal([plain.Text], older.Warnings);
        Assert.Null(Assert.Single(older.WarningDetails).Code);
        Assert.Equal(plain.Text, older.WarningDetails[0].Text);
    }

    /// <summary>A culture writing a decimal comma, as French does (these tests run without the culture data of ICU).</summary>
    private static CultureInfo DecimalComma()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        return culture;
    }
}
