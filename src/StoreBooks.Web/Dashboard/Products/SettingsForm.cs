using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Web.Dashboard.Formatting;
using StoreBooks.Web.Dashboard.Resources;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>
/// A settings form as the changes <c>storebooks settings set key=value</c> takes: each field is named by its setting's key
/// (<c>products.mode</c>, <c>sales.payments.paypal.depositAccount</c>) and its value is the text the merchant would type. A
/// checkbox not ticked is <c>false</c>, a list of checkboxes none of which is ticked is <c>[]</c>; a field the form did not send
/// (a disabled choice) leaves its setting as it is.
/// </summary>
public static class SettingsForm
{
    /// <param name="keys">The settings the page shows, by key.</param>
    /// <param name="maps">Map settings whose entries the page shows (<c>sales.taxCodes</c>): every field named <c>map.entry</c> is a change.</param>
    public static List<KeyValuePair<string, string>> Changes(IFormCollection form, IEnumerable<string> keys, IEnumerable<string>? maps = null)
    {
        var changes = new List<KeyValuePair<string, string>>();
        foreach (var name in keys)
        {
            var key = SettingKeys.Find(name) ?? throw new ArgumentException($"{name} is not a setting.", nameof(keys));
            var sent = form[key.Name];
            if (key.Type == typeof(bool))
            {
                changes.Add(new(key.Name, sent.Contains("true") ? "true" : "false"));
            }
            else if (SettingValues.ListItem(key.Type) is not null)
            {
                changes.Add(new(key.Name, JsonSerializer.Serialize(sent.OfType<string>().ToArray())));
            }
            else if (sent.Count > 0)
            {
                changes.Add(new(key.Name, sent[^1] ?? ""));
            }
        }

        foreach (var map in maps ?? [])
        {
            changes.AddRange(form.Keys
                .Where(k => k.StartsWith(map + ".", StringComparison.Ordinal) && k.Length > map.Length + 1)
                .Select(k => new KeyValuePair<string, string>(k, form[k].LastOrDefault() ?? "")));
        }

        return changes;
    }

    /// <summary>
    /// Problems by the key of the field they belong to, each as <paramref name="shown"/> writes it (in the reader's language:
    /// <see cref="Shown"/>); the ones no field of the page shows are <paramref name="others"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ByField(
        IEnumerable<SettingsProblem> problems, Func<string, bool> onPage, Func<SettingsProblem, string> shown, out IReadOnlyList<SettingsProblem> others)
    {
        var byField = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<SettingsProblem>();
        foreach (var problem in problems)
        {
            if (onPage(problem.Setting))
            {
                var message = shown(problem);
                byField[problem.Setting] = byField.TryGetValue(problem.Setting, out var before) ? before + " " + message : message;
            }
            else
            {
                rest.Add(problem);
            }
        }

        others = rest;
        return byField;
    }

    /// <summary>A problem in the reader's language: its catalogue message through the dashboard's words, else its English text.</summary>
    public static string Shown(IStringLocalizer<DashboardText> text, SettingsProblem problem) => MessageText.Show(text, problem.Detail, problem.Message);

    /// <summary>The HTML id of a setting's field: <c>products.incomeAccount</c> is <c>field-products-incomeAccount</c>.</summary>
    public static string FieldId(string key) => "field-" + new string(key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>The HTML id of a setting's message.</summary>
    public static string MessageId(string key) => FieldId(key) + "-message";
}
