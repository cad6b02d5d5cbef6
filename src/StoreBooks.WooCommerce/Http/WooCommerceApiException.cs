using System.Net;

namespace StoreBooks.WooCommerce.Http;

/// <summary>WooCommerce refused a call, or kept failing after retries; the message says what to do.</summary>
public class WooCommerceApiException(string message, HttpStatusCode? status = null, string? code = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status, when the site answered.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>WooCommerce's error code (<c>woocommerce_rest_authentication_error</c>…), when it sent one.</summary>
    public string? Code { get; } = code;
}

/// <summary>The site refused the API key (wrong key or secret, or a key without read permission): nothing can be read until it is fixed.</summary>
public sealed class WooCommerceAccessDeniedException(string message, HttpStatusCode status, string? code) : WooCommerceApiException(message, status, code);
