using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GroupBot.Tests.Architecture;

/// <summary>
/// The floors of docs/ARCHITECTURE.md as data, and a reader of the source that finds every arrow
/// between folders: <c>using GroupBot.X</c> (plain, static, alias, global) and namespace-qualified
/// names in code (<c>GroupBot.X.Type</c>, or <c>X.Type</c> where folder X declares Type).
/// Comments and string literals are not code and are skipped.
/// </summary>
public static partial class Floors
{
    public enum Kind
    {
        Data,
        Directory,
        Core,
        Channel,
        Feature,
        Host,
    }

    /// <summary>Every top-level folder of src/GroupBot and its floor. A new folder must be placed here (and in the doc).</summary>
    public static readonly IReadOnlyDictionary<string, Kind> Folders = new Dictionary<string, Kind>(StringComparer.Ordinal)
    {
        ["Data"] = Kind.Data,
        ["People"] = Kind.Directory,
        ["Chat"] = Kind.Core,
        ["Scheduling"] = Kind.Core,
        ["Channels/Simulator"] = Kind.Channel,
        ["Channels/Telegram"] = Kind.Channel,
        ["Channels/WhatsApp"] = Kind.Channel,
        ["Onboarding"] = Kind.Feature,
        ["Groups"] = Kind.Feature,
        ["Attendance"] = Kind.Feature,
        ["Reminders"] = Kind.Feature,
        ["Business"] = Kind.Feature,
        ["Ledger"] = Kind.Feature,
        ["Savings"] = Kind.Feature,
        ["Minutes"] = Kind.Feature,
        ["Trainings"] = Kind.Feature,
        ["Planning"] = Kind.Feature,
        ["Grades"] = Kind.Feature,
        ["Summaries"] = Kind.Feature,
        ["Privacy"] = Kind.Feature,
        ["Health"] = Kind.Feature,
        ["Backups"] = Kind.Feature,
        ["Resources"] = Kind.Core,
        [Root] = Kind.Host,
    };

    /// <summary>Files directly in src/GroupBot: the composition root (Program, GroupBotApp, Cli).</summary>
    public const string Root = "(root)";

    public sealed record SourceFile(string Path, string Text);

    /// <summary>One arrow from a file's folder to another folder, and what in the file makes it.</summary>
    public sealed record Arrow(string From, string To, string File, string Because);

    /// <summary>May a file in <paramref name="from"/> use <paramref name="to"/>? Features among themselves are checked for circles instead.</summary>
    public static bool Allowed(string from, string to)
    {
        if (from == to)
        {
            return true;
        }

        var a = Folders[from];
        var b = Folders[to];
        return a switch
        {
            Kind.Data => false,
            Kind.Directory => b is Kind.Data,
            // Chat and Scheduling sit side by side and do not see each other.
            Kind.Core => b is Kind.Data or Kind.Directory,
            // A channel only translates: the core's types, nothing of scheduling, no feature, no other channel.
            Kind.Channel => b is Kind.Data or Kind.Directory || to == "Chat",
            Kind.Feature => b is Kind.Data or Kind.Directory or Kind.Core or Kind.Feature,
            Kind.Host => true,
            _ => false,
        };
    }

    /// <summary>The folder a path below src/GroupBot belongs to ("Chat/Parsing/Rupiah.cs" is Chat; "Channels/Telegram/X.cs" is Channels/Telegram).</summary>
    public static string FolderOf(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        return parts.Length == 1 ? Root : parts[0] == "Channels" && parts.Length > 2 ? $"Channels/{parts[1]}" : parts[0];
    }

    /// <summary>The folder of a namespace ("GroupBot.Chat.Parsing" is Chat), or null when it is not one of ours.</summary>
    public static string? FolderOfNamespace(string ns)
    {
        if (ns == "GroupBot")
        {
            return Root;
        }

        if (!ns.StartsWith("GroupBot.", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = ns["GroupBot.".Length..].Split('.');
        var folder = parts[0] == "Channels" && parts.Length > 1 ? $"Channels/{parts[1]}" : parts[0];
        return Folders.ContainsKey(folder) ? folder : null;
    }

    /// <summary>Every arrow between two different folders in these files.</summary>
    public static IReadOnlyList<Arrow> Arrows(IReadOnlyList<SourceFile> files)
    {
        // Which folder declares which type names: "Savings.SavingsReport" is an arrow only if Savings declares SavingsReport.
        var code = files.ToDictionary(f => f.Path, f => Code(f.Text));
        var declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var rootTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var folder = FolderOf(f.Path);
            foreach (Match m in TypeDeclaration().Matches(code[f.Path]))
            {
                if (!declared.TryGetValue(folder, out var names))
                {
                    declared[folder] = names = new HashSet<string>(StringComparer.Ordinal);
                }

                names.Add(m.Groups[1].Value);
                if (folder == Root)
                {
                    rootTypes.Add(m.Groups[1].Value);
                }
            }
        }

        var arrows = new List<Arrow>();
        foreach (var f in files)
        {
            var from = FolderOf(f.Path);
            var text = code[f.Path];
            foreach (Match m in UsingDirective().Matches(text))
            {
                Add(m.Groups[1].Value, $"using {m.Groups[1].Value}");
            }

            // Names in code: the usings and the namespace line are read above and below.
            text = Namespace().Replace(UsingDirective().Replace(text, string.Empty), string.Empty);
            foreach (Match m in FullyQualified().Matches(text))
            {
                Add(m.Groups[1].Value, m.Value);
            }

            foreach (Match m in PartlyQualified().Matches(text))
            {
                var folder = m.Groups[1].Value == "Channels" ? $"Channels/{m.Groups[2].Value}" : m.Groups[1].Value;
                var type = m.Groups[1].Value == "Channels" ? m.Groups[3].Value : m.Groups[2].Value;
                if (folder != from && declared.TryGetValue(folder, out var names) && names.Contains(type))
                {
                    arrows.Add(new Arrow(from, folder, f.Path, m.Value));
                }
            }

            // Types of the root namespace are visible everywhere without a using: name them and it is an arrow to the host.
            if (from != Root)
            {
                foreach (Match m in Identifier().Matches(text))
                {
                    if (rootTypes.Contains(m.Value))
                    {
                        arrows.Add(new Arrow(from, Root, f.Path, m.Value));
                    }
                }
            }

            void Add(string ns, string because)
            {
                if (FolderOfNamespace(ns) is { } to && to != from)
                {
                    arrows.Add(new Arrow(from, to, f.Path, because));
                }
            }
        }

        return arrows;
    }

    /// <summary>Arrows up a floor or sideways where the floors forbid it, one line each naming the file.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<SourceFile> files)
    {
        var lines = new List<string>();
        foreach (var f in files)
        {
            var folder = FolderOf(f.Path);
            if (!Folders.ContainsKey(folder))
            {
                lines.Add($"{f.Path}: folder '{folder}' has no floor (add it to Floors.Folders and docs/ARCHITECTURE.md)");
                continue;
            }

            // A file declares the namespace of its folder: a namespace from elsewhere would hide its arrows.
            var ns = Namespace().Match(Code(f.Text));
            if (ns.Success && FolderOfNamespace(ns.Groups[1].Value) != folder)
            {
                lines.Add($"{f.Path}: namespace {ns.Groups[1].Value} does not match its folder {folder}");
            }
        }

        foreach (var a in Arrows(files).Where(a => Folders.ContainsKey(a.From) && !Allowed(a.From, a.To)))
        {
            lines.Add($"{a.File}: {a.From} ({Folders[a.From]}) may not use {a.To} ({Folders[a.To]}): {a.Because}");
        }

        return [.. lines.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Circles between folders (strongly connected groups of two or more), each with the files that close it.</summary>
    public static IReadOnlyList<string> Circles(IReadOnlyList<SourceFile> files)
    {
        var arrows = Arrows(files).Where(a => a.From != a.To).ToList();
        var edges = arrows.GroupBy(a => a.From).ToDictionary(g => g.Key, g => g.Select(a => a.To).Distinct().ToList());
        var circles = new List<string>();
        foreach (var scc in StronglyConnected(edges).Where(c => c.Count > 1))
        {
            var inside = scc.ToHashSet();
            var sb = new StringBuilder($"circle between {string.Join(", ", scc.Order(StringComparer.Ordinal))}:");
            foreach (var a in arrows.Where(a => inside.Contains(a.From) && inside.Contains(a.To))
                .GroupBy(a => (a.From, a.To)).OrderBy(g => g.Key.From, StringComparer.Ordinal).ThenBy(g => g.Key.To, StringComparer.Ordinal))
            {
                var first = a.First();
                sb.Append(CultureInfo.InvariantCulture, $"\n  {a.Key.From} -> {a.Key.To}: {first.File} ({first.Because})");
            }

            circles.Add(sb.ToString());
        }

        return circles;
    }

    /// <summary>Tarjan's algorithm.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, List<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        var next = 0;
        foreach (var node in edges.Keys.Concat(edges.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return result;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.GetValueOrDefault(v) ?? [])
            {
                if (index.TryGetValue(w, out var seen))
                {
                    if (onStack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], seen);
                    }
                }
                else
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }
    }

    /// <summary>The text with comments, string and character literals blanked out (line breaks kept).</summary>
    public static string Code(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && next == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                sb.Append('\n', text.AsSpan(i, end - i).Count('\n'));
                i = end;
            }
            else if (c is '"' or '\'' || (c is '@' or '$' && next is '"' or '@' or '$'))
            {
                i = SkipLiteral(text, i, sb);
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    private static int SkipLiteral(string text, int i, StringBuilder sb)
    {
        var start = i;
        var verbatim = false;
        while (i < text.Length && text[i] is '@' or '$')
        {
            verbatim |= text[i] == '@';
            i++;
        }

        int end;
        if (text[i] == '\'')
        {
            end = i + 1;
            while (end < text.Length && text[end] != '\'')
            {
                end += text[end] == '\\' ? 2 : 1;
            }

            end++;
        }
        else if (string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0)
        {
            // A raw string literal: closed by as many quotes as opened it.
            var quotes = 0;
            while (i + quotes < text.Length && text[i + quotes] == '"')
            {
                quotes++;
            }

            var close = text.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            end = close < 0 ? text.Length : close + quotes;
        }
        else
        {
            end = i + 1;
            while (end < text.Length)
            {
                if (verbatim && text[end] == '"' && end + 1 < text.Length && text[end + 1] == '"')
                {
                    end += 2;
                }
                else if (!verbatim && text[end] == '\\')
                {
                    end += 2;
                }
                else if (text[end] == '"' || (!verbatim && text[end] == '\n'))
                {
                    end++;
                    break;
                }
                else
                {
                    end++;
                }
            }
        }

        end = Math.Min(end, text.Length);
        sb.Append("\"\"").Append('\n', text.AsSpan(start, end - start).Count('\n'));
        return end;
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(GroupBot(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(GroupBot(?:\.\w+)+)")]
    private static partial Regex FullyQualified();

    [GeneratedRegex(@"(?<![\w.])(Data|People|Chat|Scheduling|Onboarding|Groups|Attendance|Reminders|Business|Ledger|Savings|Minutes|Trainings|Planning|Grades|Summaries|Privacy|Health|Backups|Channels)\.([A-Z]\w*)(?:\.([A-Z]\w*))?")]
    private static partial Regex PartlyQualified();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:class\s+|struct\s+)?([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"(?<![\w.])[A-Z]\w*")]
    private static partial Regex Identifier();
}
