using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Http;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Attachments;

/// <summary>
/// <c>POST /upload</c>: multipart parts <c>file_metadata_NN</c> (an Attachable as JSON) and <c>file_content_NN</c> (the file).
/// The answer is a 200 whose <c>AttachableResponse</c> items carry the stored Attachable or their own Fault. The
/// emulator keeps the file's name, type and size, not its bytes.
/// </summary>
internal static class UploadEndpoint
{
    public static async Task HandleAsync(ApiCall call)
    {
        var request = call.Http.Request;
        if (!request.HasFormContentType)
        {
            throw Fault.Throw(new QboFault(400, new QboError("Invalid Content Type",
                "An upload must be multipart/form-data with file_metadata_NN and file_content_NN parts.", "1050", "")));
        }

        if (request.ContentLength > call.Company.Options.MaxRequestBodyBytes)
        {
            throw Fault.BodyTooLarge(call.Company.Options.MaxRequestBodyBytes);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(call.Http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw Fault.Throw(new QboFault(400, new QboError("Invalid Content Type", "The multipart body could not be read: " + e.Message, "1050", "")));
        }

        var items = new JsonArray();
        var changes = new List<QboEntityChange>();
        var indexes = form.Files.Select(f => f.Name).Concat(form.Keys)
            .Where(n => n.StartsWith("file_metadata_", StringComparison.Ordinal))
            .Select(n => n["file_metadata_".Length..]).Distinct().Order(StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            try
            {
                var metadata = RequestBody.ParseObject(await Text(form, "file_metadata_" + index).ConfigureAwait(false));
                if (form.Files.GetFile("file_content_" + index) is { } file)
                {
                    metadata["FileName"] ??= file.FileName;
                    metadata["ContentType"] ??= file.ContentType;
                    metadata["Size"] = file.Length;
                }

                JsonObject stored;
                lock (call.Company.Sync)
                {
                    var write = WriteEngine.Prepare(call.Company, new WriteRequest(EntityCatalog.ByName("Attachable")!, WriteKind.Create, metadata));
                    stored = WriteEngine.Commit(call.Company, write, changes);
                    var id = stored["Id"]!.GetValue<string>();
                    var uri = string.Create(CultureInfo.InvariantCulture, $"/v3/company/{call.Company.RealmId}/download/{id}");
                    stored["FileAccessUri"] = uri;
                    call.Company.Store.Get("Attachable", id)!.Json["FileAccessUri"] = uri;
                }

                items.Add(new JsonObject { ["Attachable"] = stored });
            }
            catch (QboFaultException fault)
            {
                items.Add(new JsonObject { ["Fault"] = fault.Fault.FaultObject() });
            }
        }

        foreach (var change in changes)
        {
            call.Qbo.Companies.OnChanged(change);
        }

        await QboResponse.WriteAsync(call.Http, 200, call.Envelope("AttachableResponse", items)).ConfigureAwait(false);
    }

    private static async Task<string> Text(IFormCollection form, string name)
    {
        if (form.Files.GetFile(name) is { } file)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            return await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        return form[name].ToString();
    }
}
