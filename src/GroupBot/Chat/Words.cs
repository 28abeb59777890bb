using System.Globalization;
using System.Text;

namespace GroupBot.Chat;

/// <summary>How people really type: any case, with or without "/", "/cmd@NamaBot" in Telegram groups, stray spaces.</summary>
public static class Words
{
    /// <summary>
    /// Longest text we read as one message: Telegram's and WhatsApp's own limit (4096). Longer
    /// messages are refused politely, never truncated silently.
    /// </summary>
    public const int MaxAnswerLength = 4096;

    /// <summary>Removes control and format characters (keeps line breaks), trims, and folds runs of spaces.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(Math.Min(text.Length, MaxAnswerLength + 1));
        var lastWasSpace = false;
        foreach (var ch in text)
        {
            if (sb.Length > MaxAnswerLength)
            {
                break;
            }

            var category = char.GetUnicodeCategory(ch);
            if (ch == '\n')
            {
                sb.Append('\n');
                lastWasSpace = false;
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            if (category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                continue;
            }

            sb.Append(ch);
            lastWasSpace = false;
        }

        return sb.ToString().Trim();
    }

    /// <summary>The lower-case form used to match commands and global words.</summary>
    public static string Fold(string text) => Clean(text).ToLowerInvariant();

    /// <summary>
    /// Splits "/Hadir@GroupBot besok" into ("hadir", "besok"). The command word loses its slash and
    /// any "@botname" suffix (Telegram group form).
    /// </summary>
    public static (string Word, string Remainder) SplitCommand(string text)
    {
        var folded = Clean(text);
        var space = folded.IndexOfAny([' ', '\n']);
        var first = space < 0 ? folded : folded[..space];
        var rest = space < 0 ? string.Empty : folded[(space + 1)..].Trim();
        first = first.TrimStart('/');
        var at = first.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            first = first[..at];
        }

        return (first.ToLowerInvariant(), rest);
    }

    /// <summary>A long report (a summary) is sent in parts of at most this many characters: under Telegram's and WhatsApp's 4096, with room for a caption.</summary>
    public const int MaxReportPart = 3800;

    /// <summary>Splits long text at line breaks (then spaces) so no part is over <paramref name="max"/> characters: every channel's length limit uses this.</summary>
    public static IReadOnlyList<string> SplitAtLines(string text, int max)
    {
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut <= 0)
            {
                cut = rest.LastIndexOf(' ', max - 1);
            }

            if (cut <= 0)
            {
                // No break to cut at: cut hard, but not between the two halves of an emoji (a surrogate pair).
                cut = max > 1 && char.IsHighSurrogate(rest[max - 1]) && char.IsLowSurrogate(rest[max]) ? max - 1 : max;
            }

            // A piece is sent as a message of its own: a blank one would be refused (Telegram: "message text is empty").
            var part = rest[..cut].TrimEnd();
            if (part.Length > 0)
            {
                parts.Add(part);
            }

            rest = rest[cut..].TrimStart('\n', ' ');
        }

        if (!string.IsNullOrWhiteSpace(rest) || parts.Count == 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    /// <summary>True when the text has no letter or digit at all (empty, emoji only, punctuation).</summary>
    public static bool HasNoWords(string text) => !text.Any(char.IsLetterOrDigit);
}

public enum GlobalWord
{
    None,
    Cancel,
    Back,
    Help,
}

/// <summary>Words that work inside every step of every flow.</summary>
public static class GlobalWords
{
    private static readonly Dictionary<string, GlobalWord> Map = new(StringComparer.Ordinal)
    {
        ["batal"] = GlobalWord.Cancel,
        ["cancel"] = GlobalWord.Cancel,
        ["stop"] = GlobalWord.Cancel,
        ["kembali"] = GlobalWord.Back,
        ["back"] = GlobalWord.Back,
        ["bantuan"] = GlobalWord.Help,
        ["help"] = GlobalWord.Help,
        ["tolong"] = GlobalWord.Help,
    };

    public static GlobalWord Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return GlobalWord.None;
        }

        var (word, rest) = Words.SplitCommand(text);
        return rest.Length == 0 && Map.TryGetValue(word, out var g) ? g : GlobalWord.None;
    }
}
