namespace StoreBooks.Core.Messages;

/// <summary>A store's payouts deposited in QuickBooks: why a payout waits or is refused, what its deposit's warnings say, and the payout settings' problems.</summary>
public static class PayoutMessages
{
    public static readonly MessageTemplate Reference = new("payout.ref", "payout {id} of {date}");

    public static readonly MessageTemplate StoreOrder = new("payout.store-order", "store order {id}");

    public static readonly MessageTemplate NotAddingUp = new(
        "payout.not-adding-up",
        "{payout} does not add up: its amount is {amount} {currency} and the net of its transactions {net}, {difference} apart. Nothing was posted: " +
        "the provider's figures for it disagree (usually an order edited after the payout); check the payout in the store's payments admin. " +
        "StoreBooks looks at it again on every run.");

    public static readonly MessageTemplate Negative = new(
        "payout.negative",
        "{payout} took {amount} {currency} from the bank instead of paying in, and QuickBooks cannot record a negative deposit. Nothing was posted: " +
        "record it in QuickBooks by hand (a transfer or journal entry from the bank account).");

    public static readonly MessageTemplate CurrencyNotHome = new(
        "payout.currency.not-home",
        "{payout} is in {currency}, but this QuickBooks company keeps its books in {home} and has multicurrency turned off. Nothing was posted: " +
        "turn on multicurrency in QuickBooks (Account and settings > Advanced > Currency).");

    public static readonly MessageTemplate SalesReceipt = new("payout.entity.sales-receipt", "sales receipt");

    public static readonly MessageTemplate RefundReceipt = new("payout.entity.refund-receipt", "refund receipt");

    public static readonly MessageTemplate Payment = new("payout.entity.payment", "payment");

    public static readonly MessageTemplate Document = new("payout.document", "{reference} ({entity} {id})");

    public static readonly MessageTemplate DocumentDeleted = new(
        "payout.document.deleted",
        "{payout} cannot be posted: QuickBooks no longer has the {entity} {id} of {reference}, which StoreBooks posted (it was deleted in QuickBooks). Nothing was posted: restore the document, or post the payout's deposit by hand and dismiss the payout.");

    public static readonly MessageTemplate OnEarlierDeposit = new(
        "payout.difference.earlier-deposit",
        "{document} is on the deposit of an earlier payout already{deposit} ({amount} here)");

    public static readonly MessageTemplate EarlierDepositId = new("payout.difference.earlier-deposit.id", " (deposit {id})");

    public static readonly MessageTemplate AmountDiffers = new(
        "payout.difference.amount",
        "{document}: {amount} in QuickBooks, {gross} by {provider}");

    public static readonly MessageTemplate NetDiffers = new("payout.difference.net", "the provider's net amounts differ from their gross less fees");

    public static readonly MessageTemplate OnOtherDeposit = new(
        "payout.document.on-other-deposit",
        "{payout} cannot be posted: the {document} is already on deposit {deposit} in QuickBooks, which StoreBooks did not make, and depositing it again would count its money twice. Take it off deposit {deposit} in QuickBooks (or delete that deposit); the next run posts the payout.");

    public static readonly MessageTemplate NotPostedWarning = new(
        "payout.warning.not-posted",
        "{payout}: {reference} is not in QuickBooks through StoreBooks ({why}); its {amount} went to the adjustments account.");

    public static readonly MessageTemplate FeesNoAccount = new(
        "payout.fees.no-account",
        "{payout} has {amount} of {provider} fees, and {problem} Nothing was posted; the next run posts it once the setting is saved.");

    public static readonly MessageTemplate DifferenceWarning = new(
        "payout.warning.difference",
        "{payout}: a difference of {amount} went to the adjustments account, so the deposit equals the payout: {why}.");

    public static readonly MessageTemplate AdjustmentsNoAccount = new(
        "payout.adjustments.no-account",
        "{payout} has lines for the adjustments account: {lines}; and {problem} Nothing was posted; " +
        "the next run posts it once the setting is saved.");

    public static readonly MessageTemplate AdjustmentLine = new("payout.adjustments.line", "{description} ({amount})");

    public static readonly MessageTemplate AdjustmentsMore = new("payout.adjustments.more", " and {count} more");

    public static readonly MessageTemplate NothingToDeposit = new(
        "payout.nothing",
        "{payout} has nothing to deposit: no sale, refund, fee or adjustment of it has an amount.");

    public static readonly MessageTemplate LinesDiffer = new(
        "payout.lines-differ",
        "{payout}: the deposit's lines come to {total}, not the payout's {amount}; nothing was posted.");

    public static readonly MessageTemplate AbsorbedWarning = new(
        "payout.warning.absorbed",
        "{payout} holds the money of {failed}, which failed at the bank and was sent again: its sales are deposited here.");

    public static readonly MessageTemplate SaleOfNoOrder = new("payout.sale.no-order", "a sale of no order ({type} {id})");

    public static readonly MessageTemplate RefundOfNoOrder = new("payout.refund.no-order", "a refund of no order ({type} {id})");

    public static readonly MessageTemplate NoOrderNamed = new("payout.why.no-order", "the provider names no order for it");

    public static readonly MessageTemplate SaleWaits = new("payout.wait.sale", "{order} is not in QuickBooks yet{refused}{missing}");

    public static readonly MessageTemplate SaleWaitsRefused = new(
        "payout.wait.sale.refused",
        " (QuickBooks or StoreBooks refused it: see its own issue)");

    public static readonly MessageTemplate SaleWaitsMissing = new("payout.wait.sale.missing", " (the store did not return it when asked)");

    public static readonly MessageTemplate PaymentWaits = new(
        "payout.wait.payment",
        "the payment of {order} (transaction {transaction}) is not in QuickBooks yet");

    public static readonly MessageTemplate RefundOf = new("payout.refund.ref", "a refund of {order}");

    public static readonly MessageTemplate RefundsOff = new("payout.why.refunds-off", "refunds are not synced (sales.syncRefunds is off)");

    public static readonly MessageTemplate OrderNotPosted = new("payout.why.order-not-posted", "its order is not posted by StoreBooks: {why}");

    public static readonly MessageTemplate RefundWaits = new("payout.wait.refund", "a refund of {order} is not in QuickBooks yet ({why})");

    public static readonly MessageTemplate RefundWaitsNoOrder = new("payout.wait.refund.no-order", "the store did not return the order when asked");

    public static readonly MessageTemplate RefundWaitsNoRefund = new(
        "payout.wait.refund.no-refund",
        "the store's order has no refund with transaction {transaction}");

    public static readonly MessageTemplate RefundOn = new("payout.refund.dated", "the refund of {order} of {date}");

    public static readonly MessageTemplate NotInQuickBooksYet = new("payout.wait.document", "{what} is not in QuickBooks yet");

    public static readonly MessageTemplate Dismissed = new("payout.why.dismissed", "dismissed ({why})");

    public static readonly MessageTemplate DismissedByMerchant = new("payout.why.dismissed.by-merchant", "by the merchant");

    public static readonly MessageTemplate SkippedByRule = new("payout.why.skipped", "skipped by a rule");

    public static readonly MessageTemplate BankNotSet = new(
        "payout.bank.not-set",
        "payouts.bankAccount is not set, so StoreBooks does not know which QuickBooks bank account the payouts reach. " +
        "Set it (storebooks settings set payouts.bankAccount=\"Checking\", the account's name or id), or turn payouts off (payouts.enabled=false); " +
        "nothing was deposited.");

    public static readonly MessageTemplate BankUnknown = new(
        "payout.bank.unknown",
        "{setting} is \"{choice}\", and the QuickBooks company has no account of that name or id. " +
        "Give the bank account your payouts reach ({suggest}); nothing was deposited.");

    public static readonly MessageTemplate BankUnusable = new(
        "payout.bank.unusable",
        "{setting}: the account {account} (id {id}) {why}. Give the bank account your payouts reach ({suggest}); nothing was deposited.");

    public static readonly MessageTemplate AccountInactive = new("payout.account.inactive", "is inactive");

    public static readonly MessageTemplate BankIsUndeposited = new(
        "payout.bank.undeposited",
        "is Undeposited Funds, where the sales wait to be deposited");

    public static readonly MessageTemplate BankType = new(
        "payout.bank.type",
        "is of type {type}, and QuickBooks deposits only into Bank or Other Current Asset accounts");

    public static readonly MessageTemplate AccountType = new("payout.account.type", "is of type {type}");

    public static readonly MessageTemplate LineAccountNotSet = new(
        "payout.line-account.not-set",
        "{setting} is not set: give the QuickBooks {kind} account of {what} ({suggest}).");

    public static readonly MessageTemplate LineAccountUnknown = new(
        "payout.line-account.unknown",
        "{setting} is \"{choice}\", and the QuickBooks company has no account of that name or id: " +
        "give the {kind} account of {what} ({suggest}).");

    public static readonly MessageTemplate LineAccountUnusable = new(
        "payout.line-account.unusable",
        "{setting}: the account {account} (id {id}) {why}, and a deposit's lines take {types} accounts: give the {kind} account of {what}.");

    public static readonly MessageTemplate KindExpense = new("payout.kind.expense", "Expense");

    public static readonly MessageTemplate KindExpenseOrAsset = new("payout.kind.expense-or-asset", "Expense or Other Current Asset");

    public static readonly MessageTemplate WhatFees = new("payout.what.fees", "the provider's fees");

    public static readonly MessageTemplate WhatAdjustments = new("payout.what.adjustments", "adjustments, chargebacks, reserves and differences");

    public static readonly MessageTemplate SuggestNone = new(
        "payout.suggest.none",
        "the company has none of that type yet: create one in QuickBooks");

    public static readonly MessageTemplate SuggestSome = new("payout.suggest.some", "for example {names}");

    public static readonly MessageTemplate Unreadable = new(
        "payout.unreadable",
        "The payouts could not be read, so none was deposited this run: {detail}");

    public static readonly MessageTemplate DocumentsUnreadable = new(
        "payout.documents-unreadable",
        "QuickBooks could not be asked for the payouts' documents, so none was deposited this run; the next run goes on. {detail}");

    public static readonly MessageTemplate Absorbed = new(
        "payout.absorbed",
        "failed at the bank; its money came again in {payout}, deposit {deposit}");

    public static readonly MessageTemplate Waits = new(
        "payout.waits",
        "{payout} waits: {waits}{more}. The next run deposits it once they are posted.");

    public static readonly MessageTemplate WaitsMore = new("payout.waits.more", "; and {count} more");

    public static readonly MessageTemplate Refused = new("payout.refused", "{payout}: QuickBooks refused its deposit: {detail}");

    public static readonly MessageTemplate RefusedNoDetail = new("payout.refused.no-detail", "QuickBooks refused the deposit.");

    public static readonly MessageTemplate NotSentNow = new(
        "payout.not-sent",
        "{payout}: its deposit could not be sent now ({kind}); the next run finishes it without writing it twice. {detail}");
}
