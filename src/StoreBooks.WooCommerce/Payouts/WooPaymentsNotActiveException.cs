using System.Net;
using StoreBooks.WooCommerce.Http;

namespace StoreBooks.WooCommerce.Payouts;

/// <summary>The site has no WooPayments (its <c>/payments/deposits</c> route does not exist): there are no deposits to read.</summary>
public sealed class WooPaymentsNotActiveException(string site)
    : WooCommerceApiException(NotActive(site), HttpStatusCode.NotFound, "rest_no_route")
{
    /// <summary>Why a WooCommerce site without WooPayments has no payouts StoreBooks reads, and what is done instead.</summary>
    public static string NotActive(string site) =>
        $"{site} does not have WooPayments (its REST API has no payments/deposits route): StoreBooks reads WooCommerce payouts only from WooPayments. " +
        "Orders paid through the Stripe plugin have their Stripe fee booked per order (see the sales settings' stripe mapping); deposit other gateways' money by hand.";
}
