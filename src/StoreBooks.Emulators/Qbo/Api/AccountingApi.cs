using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Qbo.Api.Batch;
using StoreBooks.Emulators.Qbo.Api.Cdc;
using StoreBooks.Emulators.Qbo.Api.Entities;
using StoreBooks.Emulators.Qbo.Api.Entities.Attachments;
using StoreBooks.Emulators.Qbo.Api.Entities.Tax;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Http;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Query;

namespace StoreBooks.Emulators.Qbo.Api;

/// <summary>
/// QBO's Accounting API v3 at its own paths under <c>/v3/company/{realmId}/</c>: entities (lower-case segments, as QBO;
/// URIs are case sensitive), <c>query</c>, <c>batch</c>, <c>cdc</c>, <c>preferences</c>, <c>companyinfo/{id}</c>.
/// Anything else under <c>/v3</c> is QBO's 400 "Unsupported Operation"; every failure is a QBO fault, never a bare 500.
/// </summary>
internal static class AccountingApi
{
    public static void Map(WebApplication app, QboEmulator qbo) =>
        app.Map("/v3/{**rest}", (HttpContext context) => HandleAsync(context, qbo));

    public static async Task HandleAsync(HttpContext context, QboEmulator qbo)
    {
        try
        {
            await DispatchAsync(context, qbo).ConfigureAwait(false);
        }
        catch (QboFaultException fault)
        {
            await QboResponse.WriteAsync(context, fault.Fault.Status, fault.Fault.Body(Time(qbo, context))).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel refused the request body (too large, truncated, bad chunking): still QBO's faults, not a 500.
            var fault = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Fault.BodyTooLarge(qbo.Options.Api.MaxRequestBodyBytes).Fault
                : Fault.UnparsableBody().Fault;
            await QboResponse.WriteAsync(context, fault.Status, fault.Body(Time(qbo, context))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // A defect of the emulator, in QBO's system-fault shape so clients treat it as QBO's own 500.
            var fault = new QboFault(500, new QboError("An application error has occurred while processing your request",
                "System Failure Error: the StoreBooks QBO emulator failed on this request (" + e.GetType().Name + ": " + e.Message + ")", "10000"), "SystemFault");
            await QboResponse.WriteAsync(context, 500, fault.Body(Time(qbo, context))).ConfigureAwait(false);
        }
    }

    private static Task DispatchAsync(HttpContext context, QboEmulator qbo)
    {
        var path = context.Request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 4 || segments[0] != "v3" || segments[1] != "company")
        {
            throw Unknown(context);
        }

        var company = qbo.Companies.Find(segments[2]) ?? throw Fault.UnknownRealm(segments[2]);
        var rest = segments[3..];
        var call = new ApiCall(context, qbo, company, rest);
        var method = context.Request.Method;
        switch (rest[0])
        {
            case "query" when rest.Length == 1 && (HttpMethods.IsGet(method) || HttpMethods.IsPost(method)):
                return QueryEndpoint.HandleAsync(call);
            case "batch" when rest.Length == 1 && HttpMethods.IsPost(method):
                return BatchEndpoint.HandleAsync(call);
            case "cdc" when rest.Length == 1 && HttpMethods.IsGet(method):
                return CdcEndpoint.HandleAsync(call);
            case "upload" when rest.Length == 1 && HttpMethods.IsPost(method):
                return UploadEndpoint.HandleAsync(call);
            case "taxservice" when rest.Length == 2 && rest[1] == "taxcode" && HttpMethods.IsPost(method):
                return TaxServiceEndpoint.HandleAsync(call);
        }

        var entity = EntityCatalog.ByPath(rest[0]) ?? throw Unknown(context);
        if (HttpMethods.IsGet(method))
        {
            if (entity.Kind == EntityKind.Singleton && (rest.Length == 1 || (rest.Length == 2 && (rest[1] == company.RealmId || rest[1] == "1"))))
            {
                return EntityEndpoints.ReadAsync(call, entity, null);
            }

            if (rest.Length == 2 && entity.Kind != EntityKind.Singleton)
            {
                return EntityEndpoints.ReadAsync(call, entity, rest[1]);
            }
        }
        else if (HttpMethods.IsPost(method) && rest.Length == 1)
        {
            return EntityEndpoints.WriteAsync(call, entity);
        }

        throw Unknown(context);
    }

    private static QboFaultException Unknown(HttpContext context)
    {
        var relative = context.Request.Path.Value ?? "/";
        var full = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{relative}";
        return Fault.UnknownResource(relative, full);
    }

    private static string Time(QboEmulator qbo, HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var company = segments.Length > 2 ? qbo.Companies.Find(segments[2]) : null;
        return company is null ? QboTime.Envelope(qbo.Time.GetUtcNow()) : QboTime.Envelope(company.Now);
    }
}
