namespace StoreBooks.Core.Messages;

/// <summary>A gateway's fees booked per order (the WooCommerce Stripe plugin's): what the booking is called, and why one cannot be made.</summary>
public static class GatewayFeeMessages
{
    public static readonly MessageTemplate Reference = new("fee.ref", "the {gateway} fee of {order}");

    public static readonly MessageTemplate NoClearing = new(
        "fee.no-clearing",
        "{count} orders paid through {gateway} carry its fee, but payouts.bankAccounts.{gateway} names no Bank or Other Current Asset account of the company: set payouts.bankAccounts." +
        "{gateway} to an Other Current Asset account (a \"{gateway} clearing\" account) so that each order's fee is booked and its net waits there for the bank deposit.");

    public static readonly MessageTemplate NoFeesAccount = new(
        "fee.no-fees-account",
        "{count} orders paid through {gateway} carry its fee, but the fees account is not usable: {problem}");

    public static readonly MessageTemplate Currency = new(
        "fee.currency",
        "{fee}: the fee is in {feeCurrency} and the order in {orderCurrency} (the {gateway} account settles in another currency); book it by hand.");

    public static readonly MessageTemplate NotInUndepositedFunds = new(
        "fee.receipt-moved",
        "{fee}: its sales receipt {id} is not in Undeposited Funds, or is on a deposit already; map {gateway} to Undeposited Funds in the sales settings, or book the fee by hand.");

    public static readonly MessageTemplate Refused = new("fee.refused", "{fee}: QuickBooks refused its deposit: {detail}");

    /// <summary>A refund of an order whose gateway fee is booked per order: it comes out of the gateway's clearing account.</summary>
    public static readonly MessageTemplate RefundReference = new("fee.refund-ref", "the refund {refund} paid through {gateway}");

    public static readonly MessageTemplate RefundNotInUndepositedFunds = new(
        "fee.refund-moved",
        "{refund}: its refund receipt {id} is not in Undeposited Funds, or is on a deposit already, so it cannot be taken out of the {gateway} clearing account; " +
        "map {gateway} to Undeposited Funds in the sales settings, or record the refund against the clearing account by hand.");
}
