using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Attachments;

/// <summary>
/// Attachable: a note or an uploaded file linked to entities. A link to an entity that does not exist is the 6000 a
/// real upload answered: "The entity Estimate 75 that you are trying to link does not exist. Estimate 75".
/// </summary>
internal sealed class AttachableRules : EntityRules
{
    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (string.IsNullOrWhiteSpace(draft.Str("FileName")) && string.IsNullOrWhiteSpace(draft.Str("Note")))
        {
            throw Fault.RequiredParam("Note", "Required parameter Note (or an uploaded file's FileName) is missing in the request");
        }

        foreach (var link in draft.Arr("AttachableRef").Objects())
        {
            var type = link.Obj("EntityRef")?.Str("type");
            var id = link.Obj("EntityRef")?.Str("value");
            if (type is null || id is null)
            {
                throw Fault.RequiredParam("EntityRef", "Required parameter AttachableRef.EntityRef (type and value) is missing in the request");
            }

            if (EntityCatalog.ByName(type) is not { } entity || ctx.Store.Get(entity.Name, id) is null)
            {
                throw Fault.Business($"The entity {type} {id} that you are trying to link does not exist. {type} {id}");
            }
        }

        return draft;
    }

    public override void BeforeDelete(WriteContext ctx, JsonObject existing)
    {
    }
}
