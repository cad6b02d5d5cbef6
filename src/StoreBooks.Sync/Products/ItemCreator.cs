using Microsoft.Extensions.Logging;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Items;

namespace StoreBooks.Sync.Products;

/// <summary>
/// Creates planned items in QuickBooks. The link is saved as Pending, with what will be set, before the call; the call carries the
/// link's requestid, so a rerun after a crash gets QuickBooks' original answer rather than a second item. A name taken meanwhile
/// moves to the next readable name under a new attempt (a new requestid: QuickBooks would replay the refusal for the old one).
/// </summary>
internal sealed partial class ItemCreator
{
    private const int MaxNameAttempts = 5;
    private readonly SyncContext _context;
    private readonly ItemCatalog _catalog;
    private readonly ILogger _logger;

    public ItemCreator(SyncContext context, ItemCatalog catalog, ILogger logger)
    {
        _context = context;
        _catalog = catalog;
        _logger = logger;
    }

    public async Task<ItemPlanEntry> CreateAsync(ItemPlanEntry entry, CancellationToken cancellationToken)
    {
        var links = _context.State.Links;
        var link = entry.Link ?? await links.ReserveAsync(_context.ConnectionId, LinkKind.Item, entry.Product.SourceId, cancellationToken).ConfigureAwait(false);
        var wanted = entry.NewItem!;
        for (var attempt = 0; ; attempt++)
        {
            link = link with { State = LinkState.Pending, CreatedWith = NewItemJson.Write(wanted), Message = null, UpdatedAt = _context.Time.GetUtcNow() };
            await links.SaveAsync(link, cancellationToken).ConfigureAwait(false);
            try
            {
                var item = await _context.Qbo.Items.CreateAsync(wanted.ToItem(), QboRequestOptions.WithRequestId(link.RequestId), cancellationToken).ConfigureAwait(false);
                await links.SaveAsync(link with { State = LinkState.Done, QboId = item.Id, QboSyncToken = item.SyncToken, UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                _catalog.Add(item);

                LogCreated(item.Name ?? wanted.Name, item.Id ?? "?", link.RequestId);
                return entry with { Action = ItemAction.Created, Item = item, NewItem = wanted, Link = link };
            }
            catch (QboDuplicateNameException) when (attempt + 1 < MaxNameAttempts)
            {
                var taken = wanted.Name;
                var next = ItemNames.MakeUnique(taken, wanted.Sku, candidate => _catalog.NameTaken(candidate) || MatchKeys.Same(candidate, taken));

                LogNameTaken(taken, next);
                wanted = wanted with { Name = next };
                link = link with { Attempt = link.Attempt + 1 };
            }
            catch (QboException e) when (e.Kind is not (QboErrorKind.System or QboErrorKind.Throttled or QboErrorKind.Authentication))
            {
                var message = ItemMessages.CreateRefused.With(("item", wanted.Name), ("product", Describe(entry)), ("detail", e.Message));
                await links.SaveAsync(link with { State = LinkState.Failed, Message = message.Text, UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                return entry with { Action = ItemAction.Failed, Link = link, Message = message.Text, Detail = message };
            }
            catch (QboException e)
            {
                // No answer, throttled, or the connection's authorization: the link stays Pending and the next run re-sends the same requestid.
                var message = ItemMessages.CreateNotNow.With(("item", wanted.Name), ("product", Describe(entry)), ("kind", e.Kind.ToString()), ("detail", e.Message));
                return entry with { Action = ItemAction.Failed, Link = link, Message = message.Text, Detail = message };
            }
        }
    }

    /// <summary>
    /// The price and description of an item StoreBooks created, when the merchant asked for them to follow the store. Only those
    /// fields are sent (a sparse update): never the accounts or the type.
    /// </summary>
    public async Task<ItemPlanEntry> UpdateCreatedItemAsync(ItemPlanEntry entry, ProductSettings settings, CancellationToken cancellationToken)
    {
        if (entry.Item is not { Id: { } id, SyncToken: { } syncToken } item || entry.Link?.CreatedWith is null || !(settings.UpdatePrices || settings.UpdateDescriptions))
        {
            return entry;
        }

        var price = settings.UpdatePrices && entry.Product.Price is { } p && p != item.UnitPrice ? p : (decimal?)null;
        var description = settings.UpdateDescriptions && !string.IsNullOrWhiteSpace(entry.Product.Description) && entry.Product.Description.Trim() != item.Description
            ? entry.Product.Description.Trim()
            : null;
        if (price is null && description is null)
        {
            return entry;
        }

        var changes = new Item { Id = id, SyncToken = syncToken, UnitPrice = price, Description = description };
        var requestId = $"{entry.Link.Id:N}-u{syncToken}";
        var updated = await _context.Qbo.Items.SparseUpdateAsync(changes, QboRequestOptions.WithRequestId(requestId), cancellationToken).ConfigureAwait(false);
        await _context.State.Links.SaveAsync(entry.Link with { QboSyncToken = updated.SyncToken, UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        _catalog.Add(updated);

        return entry with { Item = updated };
    }

    private static SyncMessage Describe(ItemPlanEntry entry) =>
        string.IsNullOrWhiteSpace(entry.Product.Sku) ? ItemMessages.ProductId.With(("id", entry.Product.SourceId)) : ItemMessages.ForSku.With(("sku", entry.Product.Sku.Trim()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Created QuickBooks item \"{Name}\" (id {ItemId}, requestid {RequestId})")]
    private partial void LogCreated(string name, string itemId, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The item name \"{Taken}\" is taken in QuickBooks; trying \"{Next}\"")]
    private partial void LogNameTaken(string taken, string next);
}
