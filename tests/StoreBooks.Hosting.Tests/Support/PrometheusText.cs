using System.Globalization;

namespace StoreBooks.Hosting.Tests.Support;

/// <summary>A Prometheus text scrape read into samples: name, labels and value, one per line that is not a comment.</summary>
public sealed class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public PrometheusText(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var labels = new Dictionary<string, string>();
            string name;
            if (brace >= 0 && brace < space)
            {
                name = line[..brace];
                var close = line.LastIndexOf('}');
                foreach (var pair in line[(brace + 1)..close].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..equals]] = pair[(equals + 1)..].Trim('"');
                }

                space = line.IndexOf(' ', close);
            }
            else
            {
                name = line[..line.IndexOf(' ', StringComparison.Ordinal)];
                space = name.Length;
            }

            var value = line[(space + 1)..].Split(' ')[0];
            _samples.Add((name, labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>Whether any sample has this name.</summary>
    public bool Has(string name) => _samples.Any(s => s.Name == name);

    /// <summary>The label values of <paramref name="label"/> among the samples named <paramref name="name"/>.</summary>
    public IReadOnlySet<string> LabelValues(string name, string label) =>
        _samples.Where(s => s.Name == name && s.Labels.ContainsKey(label)).Select(s => s.Labels[label]).ToHashSet();
}
