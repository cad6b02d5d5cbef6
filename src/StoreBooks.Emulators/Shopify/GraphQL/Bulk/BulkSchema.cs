namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// The bulk-operation part of the schema: the two mutations, their payloads, the <c>BulkOperation</c> object and the query
/// fields that poll it (<c>currentBulkOperation</c>, <c>bulkOperation(id:)</c>, and <c>node(id:)</c> for a BulkOperation id).
/// Consulted after <see cref="AdminSchema"/>, so the catalog schema stays as it is.
/// </summary>
internal static class BulkSchema
{
    private static readonly Dictionary<string, Dictionary<string, AdminSchema.FieldType>> Types = new()
    {
        ["QueryRoot"] = new()
        {
            ["currentBulkOperation"] = new("BulkOperation"),
            ["bulkOperation"] = new("BulkOperation"),
            ["node"] = new("BulkOperation"),
        },
        ["Mutation"] = new()
        {
            ["bulkOperationRunQuery"] = new("BulkOperationRunQueryPayload"),
            ["bulkOperationCancel"] = new("BulkOperationCancelPayload"),
        },
        ["BulkOperationRunQueryPayload"] = new() { ["bulkOperation"] = new("BulkOperation"), ["userErrors"] = new("BulkOperationUserError", List: true) },
        ["BulkOperationCancelPayload"] = new() { ["bulkOperation"] = new("BulkOperation"), ["userErrors"] = new("UserError", List: true) },
        ["BulkOperationUserError"] = new() { ["field"] = new("String", List: true), ["message"] = new("String"), ["code"] = new("String") },
        ["UserError"] = new() { ["field"] = new("String", List: true), ["message"] = new("String") },
        ["BulkOperation"] = new()
        {
            ["id"] = new("ID"), ["status"] = new("String"), ["type"] = new("String"), ["errorCode"] = new("String"),
            ["objectCount"] = new("UnsignedInt64"), ["rootObjectCount"] = new("UnsignedInt64"), ["fileSize"] = new("UnsignedInt64"),
            ["url"] = new("URL"), ["partialDataUrl"] = new("URL"), ["createdAt"] = new("DateTime"), ["completedAt"] = new("DateTime"),
            ["query"] = new("String"),
        },
    };

    public static AdminSchema.FieldType? Field(string type, string field) =>
        Types.TryGetValue(type, out var fields) && fields.TryGetValue(field, out var t) ? t : null;
}
