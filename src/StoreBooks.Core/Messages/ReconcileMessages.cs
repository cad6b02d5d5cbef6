namespace StoreBooks.Core.Messages;

/// <summary>
/// Why a payout of a reconciled period has the deposit it has, or none (<c>{payout}</c> is <see cref="PayoutMessages.Reference"/>),
/// and why the payouts could not be compared at all.
/// </summary>
public static class ReconcileMessages
{
    public static readonly MessageTemplate NotPaidYet = new("reconcile.payout.not-paid", "{payout} is {status}: no deposit is due until it is paid.");

    public static readonly MessageTemplate FailedCameAgain = new("reconcile.payout.failed.came-again",
        "{payout} {status}; its money came again in a later payout, on deposit {deposit}.");

    public static readonly MessageTemplate Failed = new("reconcile.payout.failed",
        "{payout} {status}: no deposit of its own; its money comes again in a later payout.");

    public static readonly MessageTemplate OtherStatus = new("reconcile.payout.other-status",
        "{payout} has the status \"{status}\", which is not paid: no deposit is due.");

    public static readonly MessageTemplate DepositDeleted = new("reconcile.payout.deposit-deleted",
        "StoreBooks made deposit {deposit} of {payout}, and QuickBooks no longer has it (deleted in QuickBooks): {amount} is missing from the bank account.");

    public static readonly MessageTemplate Agrees = new("reconcile.payout.agrees", "Deposit {deposit} is {amount}, the payout's amount.");

    public static readonly MessageTemplate AmountDiffers = new("reconcile.payout.amount-differs",
        "Deposit {deposit} is {total} in QuickBooks, the payout {amount}: {difference} apart (the deposit was changed in QuickBooks).");

    public static readonly MessageTemplate Dismissed = new("reconcile.payout.dismissed", "{payout} was dismissed ({why}): StoreBooks posts no deposit for it.");

    public static readonly MessageTemplate ByTheMerchant = new("reconcile.payout.by-merchant", "by the merchant");

    public static readonly MessageTemplate PayoutsOff = new("reconcile.payout.payouts-off",
        "{payout} has no deposit in QuickBooks: payouts are not posted (payouts.enabled is off). Turn them on, or deposit {amount} by hand.");

    public static readonly MessageTemplate BeforeStart = new("reconcile.payout.before-start",
        "{payout} was issued before the payouts' start date {day}: StoreBooks posts no deposit for it.");

    public static readonly MessageTemplate Waits = new("reconcile.payout.waits", "{payout} waits for one of its orders to be in QuickBooks.");

    public static readonly MessageTemplate Refused = new("reconcile.payout.refused", "{payout} was refused: see its issue.");

    public static readonly MessageTemplate BeingWritten = new("reconcile.payout.being-written", "{payout}: its deposit is being written; the next sync finishes it.");

    public static readonly MessageTemplate NotDepositedYet = new("reconcile.payout.not-deposited",
        "{payout} is paid and has no deposit yet: no sync has looked at it since; the next one deposits it.");

    public static readonly MessageTemplate PayoutsUnreadable = new("reconcile.payouts.unreadable", "The store's payouts could not be read: {detail}");

    public static readonly MessageTemplate NoPayoutSource = new("reconcile.payouts.none",
        "StoreBooks reads no payouts of a {kind} store: only its sales and refunds are reconciled.");

    public static readonly MessageTemplate NoWooPayments = new("reconcile.payouts.no-woopayments",
        "{site} does not have WooPayments (its REST API has no payments/deposits route): StoreBooks reads WooCommerce payouts only from WooPayments. " +
        "Orders paid through the Stripe plugin have their Stripe fee booked per order (see the sales settings' stripe mapping); deposit other gateways' money by hand.");
}
