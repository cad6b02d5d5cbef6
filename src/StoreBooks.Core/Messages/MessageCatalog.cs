using System.Reflection;

namespace StoreBooks.Core.Messages;

/// <summary>Every <see cref="MessageTemplate"/> StoreBooks has: the static fields of the <c>*Messages</c> classes of this folder.</summary>
public static class MessageCatalog
{
    private static readonly Lazy<IReadOnlyList<MessageTemplate>> Templates = new(() =>
        typeof(MessageCatalog).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(MessageCatalog).Namespace && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(MessageTemplate))
            .Select(f => (MessageTemplate)f.GetValue(null)!)
            .OrderBy(t => t.Code, StringComparer.Ordinal)
            .ToList());

    public static IReadOnlyList<MessageTemplate> All => Templates.Value;
}
