namespace Auction.Tests.Support;

/// <summary>
/// The services of a rendered compose file (the output of `docker-compose config`), each as its settings by path:
/// <c>environment.Auction__Role</c>, <c>depends_on.certs.condition</c>, <c>cap_add[0]</c>.
/// </summary>
/// <remarks>
/// Reads only the block YAML docker-compose writes: two-space indents, sequences at their key's indent, no anchors,
/// scalars plain or quoted and folded onto deeper-indented lines. Anything else is a reason to fail the test, not to
/// guess.
/// </remarks>
public static class RenderedCompose
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Services(string rendered)
    {
        var services = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        Dictionary<string, string>? settings = null;
        var parents = new Stack<(int Indent, string Path)>();
        var listItems = new Dictionary<string, int>();
        (int Indent, string Path)? lastScalar = null;
        bool inServices = false;

        foreach (string line in rendered.Split('\n'))
        {
            if (line.Trim().Length == 0) continue;
            int indent = line.Length - line.TrimStart(' ').Length;
            string text = line.Trim();
            if (indent == 0)
            {
                inServices = text == "services:";
                settings = null;
                continue;
            }
            if (!inServices) continue;
            if (indent == 2)
            {
                settings = new Dictionary<string, string>();
                services[KeyOf(text, line)] = settings;
                parents.Clear();
                listItems.Clear();
                lastScalar = null;
                continue;
            }
            if (settings is null) throw new FormatException($"a service setting before any service: '{line}'");
            if (lastScalar is { } scalar && indent > scalar.Indent)
            {
                settings[scalar.Path] += " " + text;
                continue;
            }

            bool isItem = text.StartsWith("- ", StringComparison.Ordinal);
            while (parents.Count > 0 && (isItem ? parents.Peek().Indent > indent : parents.Peek().Indent >= indent)) parents.Pop();
            string parent = parents.Count > 0 ? parents.Peek().Path : "";
            if (isItem)
            {
                if (parent.Length == 0) throw new FormatException($"a sequence item outside any setting: '{line}'");
                int index = listItems.GetValueOrDefault(parent);
                listItems[parent] = index + 1;
                string path = $"{parent}[{index}]";
                settings[path] = text[2..];
                lastScalar = (indent, path);
                continue;
            }
            int colon = text.IndexOf(": ", StringComparison.Ordinal);
            string key = colon < 0 ? KeyOf(text, line) : text[..colon];
            string fullPath = parent.Length == 0 ? key : $"{parent}.{key}";
            if (colon < 0)
            {
                parents.Push((indent, fullPath));
                lastScalar = null;
            }
            else
            {
                settings[fullPath] = text[(colon + 2)..];
                lastScalar = (indent, fullPath);
            }
        }

        return services.ToDictionary(
            s => s.Key,
            s => (IReadOnlyDictionary<string, string>)s.Value.ToDictionary(setting => setting.Key, setting => Unquote(setting.Value)));
    }

    private static string KeyOf(string text, string line) =>
        text.EndsWith(':') ? text[..^1] : throw new FormatException($"expected 'key:' or 'key: value', got '{line}'");

    private static string Unquote(string value) => value switch
    {
        ['\'', .., '\''] when value.Length >= 2 => value[1..^1].Replace("''", "'", StringComparison.Ordinal),
        ['"', .., '"'] when value.Length >= 2 => value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal),
        _ => value,
    };
}
