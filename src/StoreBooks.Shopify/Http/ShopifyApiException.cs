using System.Net;

namespace StoreBooks.Shopify.Http;

/// <summary>Shopify refused a call, or kept failing after retries; the message says what to do.</summary>
public class ShopifyApiException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Shopify's HTTP status, when it answered.</summary>
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>Shopify refused the access token (401) or its scopes (403): nothing can be read until the merchant fixes it.</summary>
public sealed class ShopifyAccessDeniedException(string message, HttpStatusCode status) : ShopifyApiException(message, status);
