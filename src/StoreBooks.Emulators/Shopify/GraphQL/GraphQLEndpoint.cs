using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Http;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary><c>POST /admin/api/{version}/graphql.json</c> with <c>{"query", "variables", "operationName"}</c> (or a raw <c>application/graphql</c> body).</summary>
internal static class GraphQLEndpoint
{
    public static void Map(RouteGroupBuilder api, ShopifyEmulator shopify)
    {
        api.MapPost("/graphql.json", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            string? query;
            JsonObject? variables = null;
            string? operationName = null;
            if ((context.Request.ContentType ?? "").StartsWith("application/graphql", StringComparison.OrdinalIgnoreCase))
            {
                query = text;
            }
            else
            {
                var body = StrictJson.Parse(text, out var problem, maxDepth: StrictJson.StoreBodyDepth) as JsonObject;
                if (problem is not null && !string.IsNullOrWhiteSpace(text))
                {
                    return StoreJson.Result(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "The request body is not valid JSON: " + problem.Message }) }, 400);
                }

                query = StoreJson.String((body as JsonObject)?["query"]);
                variables = (body as JsonObject)?["variables"] as JsonObject;
                operationName = StoreJson.String((body as JsonObject)?["operationName"]);
            }

            if (string.IsNullOrWhiteSpace(query))
            {
                return StoreJson.Result(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "No query string was present" }) }, 400);
            }

            var request = new BulkRequest((string)context.Items[ShopifyEmulator.VersionItem]!, new Uri($"{context.Request.Scheme}://{context.Request.Host}/"));
            var outcome = shopify.GraphQL.Execute(query, (JsonObject?)variables?.DeepClone(), operationName, request);
            return StoreJson.Result(outcome.Body);
        });
    }
}
