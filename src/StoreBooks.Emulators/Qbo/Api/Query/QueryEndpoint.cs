using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Qbo.Api.Http;

namespace StoreBooks.Emulators.Qbo.Api.Query;

/// <summary><c>GET /query?query=…</c> and <c>POST /query</c> with the statement as the body (Content-Type application/text).</summary>
internal static class QueryEndpoint
{
    public static async Task HandleAsync(ApiCall call)
    {
        var text = HttpMethods.IsPost(call.Method)
            ? await RequestBody.ReadTextAsync(call.Http.Request, call.Company.Options.MaxRequestBodyBytes).ConfigureAwait(false)
            : call.Query("query") ?? "";
        var statement = QueryParser.Parse(text);
        System.Text.Json.Nodes.JsonObject body;
        lock (call.Company.Sync)
        {
            body = call.Envelope("QueryResponse", QueryEvaluator.Run(call.Company, statement));
        }

        await QboResponse.WriteAsync(call.Http, 200, body).ConfigureAwait(false);
    }
}
