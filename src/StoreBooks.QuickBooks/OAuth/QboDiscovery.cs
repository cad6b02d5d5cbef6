using System.Net.Http.Json;
using StoreBooks.QuickBooks.Json;

namespace StoreBooks.QuickBooks.OAuth;

/// <summary>
/// Finds the OAuth endpoints of an environment by reading its OpenID discovery document: Intuit's for production and
/// sandbox, or <c>{url}/.well-known/openid_configuration</c> for an emulator given by base URL.
/// </summary>
public static class QboDiscovery
{
    public static async Task<QboOAuthEndpoints> DiscoverAsync(HttpClient http, QboEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(environment);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(environment.DiscoveryDocument, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new QboOAuthException(
                $"Could not read the OAuth discovery document at {environment.DiscoveryDocument}: {e.Message}. Check the URL and that the server is running.",
                error: null, httpStatus: null, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new QboOAuthException(
                    $"The OAuth discovery document at {environment.DiscoveryDocument} answered HTTP {(int)response.StatusCode}; is this a QuickBooks (or emulator) address?",
                    error: null, httpStatus: (int)response.StatusCode);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync(QboJsonContext.Default.QboOAuthEndpoints, cancellationToken).ConfigureAwait(false)
                    ?? throw new System.Text.Json.JsonException("empty document");
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new QboOAuthException(
                    $"The document at {environment.DiscoveryDocument} is not an OpenID discovery document with authorization, token and revocation endpoints ({e.Message}).",
                    error: null, httpStatus: (int)response.StatusCode, e);
            }
        }
    }
}
