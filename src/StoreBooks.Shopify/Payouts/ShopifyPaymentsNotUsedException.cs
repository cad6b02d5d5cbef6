using System.Net;
using StoreBooks.Shopify.Http;

namespace StoreBooks.Shopify.Payouts;

/// <summary>The shop has no Shopify Payments account (Shopify answers 404 on <c>shopify_payments/…</c>): there are no payouts to read.</summary>
public sealed class ShopifyPaymentsNotUsedException(string shop)
    : ShopifyApiException(
        $"{shop}: this shop does not use Shopify Payments (Shopify answered 404 for shopify_payments); payouts of other gateways are not read from Shopify.",
        HttpStatusCode.NotFound);
