using System.Net;
using StoreBooks.Core.Messages;
using StoreBooks.WooCommerce.Http;

namespace StoreBooks.WooCommerce.Payouts;

/// <summary>The site has no WooPayments (its <c>/payments/deposits</c> route does not exist): there are no deposits to read.</summary>
public sealed class WooPaymentsNotActiveException(string site)
    : WooCommerceApiException(NotActive(site).Text, HttpStatusCode.NotFound, "rest_no_route")
{
    /// <summary>Why a WooCommerce site without WooPayments has no payouts StoreBooks reads, and what is done instead.</summary>
    public static SyncMessage NotActive(string site) => ReconcileMessages.NoWooPayments.With(("site", site));
}
