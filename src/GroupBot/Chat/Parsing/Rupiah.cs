using System.Globalization;
using System.Text.RegularExpressions;

namespace GroupBot.Chat.Parsing;

public enum AmountProblem
{
    None,

    /// <summary>No number in it ("banyak"), or extra words around it.</summary>
    NotAnAmount,
    Negative,

    /// <summary>Over <see cref="Rupiah.Max"/>: surely a typo.</summary>
    TooLarge,

    /// <summary>Could be read two ways ("1.5" with no unit, "1 juta 250").</summary>
    Ambiguous,

    /// <summary>Not whole rupiah ("50.000,50").</summary>
    Fraction,
}

/// <summary>
/// The one rupiah parser: every way people write money. "50000", "50.000", "50,000",
/// "Rp 50.000,-", "Rp50rb", "50 ribu", "1,5 juta", "1.5jt", "2 jt", "500k", "1 juta 250 ribu".
/// Amounts are whole rupiah in a <see cref="long"/>.
/// </summary>
public static partial class Rupiah
{
    /// <summary>Rp 10 miliar: far above anything a village group handles; larger is a typo.</summary>
    public const long Max = 10_000_000_000;

    public const int MaxInputLength = 60;

    // A hand-laid table, one unit per line with all its spellings: kept out of the formatter.
#pragma warning disable format
    private static readonly Dictionary<string, long> Units = new(StringComparer.Ordinal)
    {
        ["k"] = 1_000, ["rb"] = 1_000, ["ribu"] = 1_000, ["rbu"] = 1_000, ["ebu"] = 1_000, ["thousand"] = 1_000,
        ["jt"] = 1_000_000, ["juta"] = 1_000_000, ["jta"] = 1_000_000, ["million"] = 1_000_000, ["mio"] = 1_000_000,
        ["m"] = 1_000_000_000, ["miliar"] = 1_000_000_000, ["milyar"] = 1_000_000_000, ["billion"] = 1_000_000_000,
    };
#pragma warning restore format

    public static bool TryParse(string? text, out long amount) => Parse(text, out amount) == AmountProblem.None;

    public static AmountProblem Parse(string? text, out long amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxInputLength)
        {
            return AmountProblem.NotAnAmount;
        }

        var s = Words.Fold(text);
        if (s is "-" or "--")
        {
            return AmountProblem.NotAnAmount;
        }

        if (s is "nol" or "zero" or "kosong")
        {
            return AmountProblem.None;
        }

        if (s.StartsWith('-') || s.StartsWith("minus", StringComparison.Ordinal) || s.Contains("rp -", StringComparison.Ordinal) || s.Contains("rp-", StringComparison.Ordinal))
        {
            return AmountProblem.Negative;
        }

        // Currency words and the ",-" / ".-" that close a price.
        s = Noise().Replace(s, " ");
        s = s.Replace(",-", " ", StringComparison.Ordinal).Replace(".-", " ", StringComparison.Ordinal).Trim().TrimEnd('.', ',', '!').Trim();
        if (s.Length == 0)
        {
            return AmountProblem.NotAnAmount;
        }

        var parts = Part().Matches(s);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)).Replace(" ", string.Empty, StringComparison.Ordinal)
                != s.Replace(" ", string.Empty, StringComparison.Ordinal))
        {
            return AmountProblem.NotAnAmount;
        }

        decimal total = 0;
        long lastUnit = long.MaxValue;
        for (var i = 0; i < parts.Count; i++)
        {
            var number = parts[i].Groups["n"].Value;
            var unitText = parts[i].Groups["u"].Value;
            if (unitText.Length == 0)
            {
                // A bare number is only the whole amount ("50.000"), never a tail ("1 juta 250" is ambiguous).
                if (parts.Count > 1)
                {
                    return AmountProblem.Ambiguous;
                }

                var plain = PlainNumber(number, out var value);
                if (plain != AmountProblem.None)
                {
                    return plain;
                }

                total = value;
                continue;
            }

            var unit = Units[unitText];
            if (unit >= lastUnit)
            {
                return AmountProblem.Ambiguous; // "250 ribu 1 juta"
            }

            lastUnit = unit;
            if (!TryUnitNumber(number, out var n))
            {
                return AmountProblem.Ambiguous;
            }

            if (n > Max / unit)
            {
                return AmountProblem.TooLarge;
            }

            total += n * unit;
        }

        if (total > Max)
        {
            return AmountProblem.TooLarge;
        }

        if (total != decimal.Truncate(total))
        {
            return AmountProblem.Fraction;
        }

        amount = (long)total;
        return AmountProblem.None;
    }

    /// <summary>"Rp 1.500.000": dots between thousands, the Indonesian way, in both languages.</summary>
    public static string Format(long amount) =>
        (amount < 0 ? "-Rp " : "Rp ") + Math.Abs(amount).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>A number with no unit: digits with thousands separators ("50.000", "50,000"), maybe ",00" cents.</summary>
    private static AmountProblem PlainNumber(string number, out decimal value)
    {
        value = 0;
        // Trailing cents: "50.000,00" or "50,000.00"
        var cents = Cents().Match(number);
        if (cents.Success)
        {
            if (cents.Groups["c"].Value.Trim('0').Length > 0)
            {
                return AmountProblem.Fraction;
            }

            number = number[..cents.Index];
        }

        if (number.All(char.IsAsciiDigit))
        {
            return decimal.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out value) ? AmountProblem.None : AmountProblem.TooLarge;
        }

        // Thousands separators: one kind only, every group after the first exactly three digits.
        var separator = number.Contains('.', StringComparison.Ordinal) ? '.' : ',';
        if (number.Contains(separator == '.' ? ',' : '.', StringComparison.Ordinal))
        {
            return AmountProblem.Ambiguous;
        }

        var groups = number.Split(separator);
        if (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3))
        {
            return AmountProblem.Ambiguous; // "1.5", "50,5": a decimal without a unit
        }

        return decimal.TryParse(string.Concat(groups), NumberStyles.None, CultureInfo.InvariantCulture, out value)
            ? AmountProblem.None : AmountProblem.TooLarge;
    }

    /// <summary>A number before a unit: "1,5", "1.5", "2", "1.000" (thousands), "2,25".</summary>
    private static bool TryUnitNumber(string number, out decimal value)
    {
        value = 0;
        var separators = number.Count(c => c is '.' or ',');
        if (separators == 0)
        {
            return decimal.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (separators == 1)
        {
            var at = number.IndexOfAny(['.', ',']);
            var fraction = number[(at + 1)..];
            if (fraction.Length == 3)
            {
                // "1.000 ribu" is thousands; "1,500 rb" could be 1,5 rb or 1.500 rb: a thousandfold apart, so refuse.
                return number[at] == '.' && decimal.TryParse(number.Remove(at, 1), NumberStyles.None, CultureInfo.InvariantCulture, out value);
            }

            return fraction.Length is >= 1 and <= 9
                && decimal.TryParse(number[..at] + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        return false;
    }

    [GeneratedRegex(@"(?<![a-z])(?:rupiah|idr|rp)\.?(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Noise();

    [GeneratedRegex(@"(?<n>[0-9][0-9.,]*)\s*(?<u>ribu|rbu|ebu|rb|k|thousand|juta|jta|jt|million|mio|miliar|milyar|billion|m)?(?![a-z])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    [GeneratedRegex(@"(?<=[0-9]{3})[.,](?<c>[0-9]{2})$|(?<=^[0-9]{1,3})[,](?<c>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Cents();
}
