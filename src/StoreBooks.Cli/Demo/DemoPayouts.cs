using System.Globalization;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Core.Payouts;
using StoreBooks.QuickBooks;

namespace StoreBooks.Cli.Demo;

/// <summary>
/// The demo's payouts line: the store's paid payouts (the payment transactions export) beside the deposits QuickBooks holds, and
/// what is still on its way to the bank (left in Undeposited Funds until its payout is paid).
/// </summary>
internal static class DemoPayouts
{
    /// <summary>Prints the comparison; true when every paid payout is one deposit and their totals agree to the cent.</summary>
    public static async Task<bool> CompareAsync(IAnsiConsole console, IPayoutSource source, QboClient qbo, CancellationToken cancellationToken)
    {
        var payouts = new List<StorePayout>();
        await foreach (var page in source.ReadPayoutsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            payouts.AddRange(page.Records);
        }

        if (payouts.Count == 0)
        {
            return true;
        }

        var paid = payouts.Where(p => p.State == StorePayoutState.Paid).ToList();
        var pending = payouts.Where(p => p.State is StorePayoutState.Scheduled or StorePayoutState.InTransit).ToList();
        var deposits = await qbo.Deposits.QueryAsync(qbo.Deposits.Where(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var store = paid.Sum(p => p.Amount);
        var bank = deposits.Sum(d => d.TotalAmt ?? 0m);
        var agree = deposits.Count == paid.Count && store == bank;
        var currency = payouts[0].Currency;
        console.WriteLine($"Payouts: {paid.Count} paid payout(s) of {Money(store)} {currency} from the store; {deposits.Count} QuickBooks deposit(s) of {Money(bank)} {currency} " +
            (agree ? "(agree to the cent)." : "(DIFFER)."));
        if (pending.Count > 0)
        {
            console.WriteLine(Output.Cell($"{pending.Count} payout(s) of {Money(pending.Sum(p => p.Amount))} {currency} not paid yet: their sales stay in Undeposited Funds until they are."));
        }

        return agree;
    }

    private static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
