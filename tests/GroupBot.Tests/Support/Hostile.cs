using System.Globalization;
using System.Text;
using CsCheck;

namespace GroupBot.Tests.Support;

/// <summary>
/// Generators of what people (and attackers) really send: every script, invisible characters,
/// broken UTF-16, control characters, absurd numbers, very long text, mixed with the words the bot
/// listens for.
/// </summary>
/// <remarks>
/// Each property starts with <see cref="Seed"/> (the same first case every run), then draws random
/// cases and shrinks a failure to a small one. A failure prints <c>Set seed: "…"</c>: run again
/// with <c>CsCheck_Seed=…</c> in the environment to replay exactly that case first.
/// </remarks>
public static class Hostile
{
    /// <summary>The first case of every property; <c>CsCheck_Seed</c> in the environment replaces it.</summary>
    public static string Seed => Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } replay ? replay : "0N0XIzNsQ0O2";

    /// <summary>Characters that break naive code: each on its own, so shrinking finds the one that matters.</summary>
    public static readonly string[] Odd =
    [
        "\0", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\t", "\r", "\r\n", "\n", "\n\n\n", "\u2028", "\u2029", "\u00a0", "\u3000", "  ",
        "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", // zero-width and soft hyphen
        "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2069", // direction marks and overrides
        "\u0301", "e\u0301", "\u0336\u0336", "\u0e49", "Z\u0351\u0352\u0353\u0354", // combining marks
        "٠١٢٣٤٥٦٧٨٩", "۵۰", "०१२३४५६७८९", "５０", "๕", "²", "½", "Ⅻ", // digits that are not ASCII
        "😀", "🙏🏽", "👩‍👩‍👧", "🇮🇩", "\ud83d", "\ude00", "\udc00\ud800", // emoji, and lone surrogates
        "مرحبا", "שלום", "中文", "ภาษาไทย", "İı", "ß", "ﬁ", "Ω", "\ufffd", "\uffff", "\ue000",
        "'", "\"", "\\", "%s", "{0}", "<b>", "&amp;", "' OR 1=1 --", "${x}", "\u0000\u0000",
    ];

    /// <summary>Words and shapes the parsers and the router react to.</summary>
    public static readonly string[] Meaningful =
    [
        "0", "1", "7", "12", "28", "50", "99", "500", "2026", "50000", "50.000", "1,5", "1.5", "1.000.000", ",-", ".-", ".", ",", "-", "/", ":", "@", "#",
        "rp", "Rp ", "IDR", "rb", "ribu", "k", "jt", "juta", "m", "miliar", "nol", "minus", "jam", "pukul", "siang", "sore", "pm", "wib",
        "hari ini", "besok", "kemarin", "lusa", "jumat", "Jum'at", "senin", "minggu", "depan", "lalu", "next", "last", "nov", "Desember", "tanggal",
        "day:", "meeting:", "edit:", "lang:", "role:", "mark:", "confirm:save", "minutes:done", "amount:none", "stale:button",
        "/", "/start", "@GroupBot", " ", "ya", "tidak", "selesai", "lewati",
    ];

    /// <summary>Numbers far outside any sensible range.</summary>
    public static readonly string[] Huge =
    [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616", "79228162514264337593543950335",
        "79228162514264337593543950336", "1e308", "1E+400", "NaN", "Infinity", "-0", "+5", "0x7fffffff", "00000000000000000000000001",
        new string('9', 400), "1" + new string('0', 30) + " juta", "99999999999 miliar", "2147483648", "99/99/99999", "31/2", "0/0", "29/2/2100",
        "25:61", "99.99", "-1", "1.000.000.000.000.000", "10.000.000.001",
    ];

    public static readonly Gen<string> Piece = Gen.Frequency(
        (4, Gen.OneOf(Odd)),
        (4, Gen.OneOf(Meaningful)),
        (1, Gen.OneOf(Huge)),
        (2, Gen.String[0, 8]),
        (1, Gen.Char.Array[1, 4].Select(c => new string(c))));

    /// <summary>Short text made of hostile pieces: what one message might hold.</summary>
    public static readonly Gen<string> Text = Piece.Array[0, 10].Select(string.Concat);

    /// <summary>A few meaningful words and numbers with spaces between: often a valid answer, often nearly one.</summary>
    public static readonly Gen<string> Wordy = Gen.OneOf([.. Meaningful, .. Huge]).Array[1, 3].Select(words => string.Join(' ', words));

    /// <summary>Digits, separators and rupiah units in any order, now and then an invisible character: money as people type it, and nearly.</summary>
    public static readonly Gen<string> AmountLike = Gen.Frequency(
            (4, Gen.Frequency((4, Gen.Long[0, 999]), (2, Gen.Long[0, 10_000_000_000]), (1, Gen.Long[0, long.MaxValue])).Select(n => n.ToString(CultureInfo.InvariantCulture))),
            (3, Gen.OneOf(".", ",", " ", ".000", ",5", ",-", ".-", "000", "-", "Rp ", "rp.")),
            (3, Gen.OneOf("rb", " ribu", "k", "jt", " juta", "m", " miliar", " million", "thousand")),
            (1, Gen.OneOf("\u200b", "\u200f", "\ufeff", "\u0000")))
        .Array[1, 5].Select(string.Concat);

    /// <summary>100k+ characters of one repeated piece (a paste gone wrong, or an attack).</summary>
    public static readonly Gen<string> VeryLong = Gen.Select(Piece.Where(p => p.Length > 0), Gen.Int[100_000, 120_000], Repeat);

    /// <summary>Mostly short text, now and then a very long one.</summary>
    public static readonly Gen<string> AnyText = Gen.Frequency((30, Text), (1, VeryLong));

    /// <summary>Text without broken surrogate pairs (what a channel can actually deliver as JSON).</summary>
    public static readonly Gen<string> WellFormedText = Text.Select(Repair);

    public static string Repeat(string piece, int length)
    {
        var sb = new StringBuilder(length + piece.Length);
        while (sb.Length < length)
        {
            sb.Append(piece);
        }

        return sb.ToString();
    }

    /// <summary>Replaces lone surrogates with U+FFFD, as every JSON encoder on the way does.</summary>
    public static string Repair(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(s[i]).Append(s[i + 1]);
                i++;
            }
            else
            {
                sb.Append(char.IsSurrogate(s[i]) ? '\ufffd' : s[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>True when no surrogate is missing its other half.</summary>
    public static bool IsWellFormed(string s) => Repair(s) == s;

    /// <summary>For failure messages: every character outside printable ASCII as \uXXXX, and cut when long.</summary>
    public static string Show(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s.Length > 300 ? s[..300] : s)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        sb.Append('"');
        return s.Length > 300 ? $"{sb}… ({s.Length} chars)" : sb.ToString();
    }
}
