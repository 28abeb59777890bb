using System.Globalization;
using System.Text.RegularExpressions;

namespace GroupBot.Chat.Parsing;

/// <summary>Which way an incomplete date ("28/11", "Jumat") leans: to the past (a held meeting) or the future (a plan).</summary>
public enum DateLean
{
    Past,
    Future,
}

/// <summary>
/// The one date parser. Resolves in the deployment's local calendar, relative to <c>today</c>:
/// "hari ini", "kemarin", "besok", "lusa", "28/11", "28-11-2026", "2026-11-28", "28 Nov",
/// "28 November 2026", "Jumat", "Jumat lalu", "Jumat depan", and the English equivalents
/// ("today", "yesterday", "tomorrow", "Friday", "last Friday", "next Friday", "November 28").
/// A bare weekday or day/month leans to the past or the future as the caller asks, today included.
/// "Jumat lalu" is the latest Friday before today; "Jumat depan" the first Friday after today.
/// </summary>
public static partial class DateParser
{
    public const int MaxInputLength = 40;

    // A hand-laid table, one month per line with all its spellings: kept out of the formatter.
#pragma warning disable format
    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["januari"] = 1, ["january"] = 1,
        ["feb"] = 2, ["februari"] = 2, ["pebruari"] = 2, ["february"] = 2,
        ["mar"] = 3, ["maret"] = 3, ["march"] = 3,
        ["apr"] = 4, ["april"] = 4,
        ["mei"] = 5, ["may"] = 5,
        ["jun"] = 6, ["juni"] = 6, ["june"] = 6,
        ["jul"] = 7, ["juli"] = 7, ["july"] = 7,
        ["agu"] = 8, ["agt"] = 8, ["ags"] = 8, ["agus"] = 8, ["agustus"] = 8, ["aug"] = 8, ["august"] = 8,
        ["sep"] = 9, ["sept"] = 9, ["september"] = 9,
        ["okt"] = 10, ["oct"] = 10, ["oktober"] = 10, ["october"] = 10,
        ["nov"] = 11, ["nop"] = 11, ["november"] = 11, ["nopember"] = 11,
        ["des"] = 12, ["dec"] = 12, ["desember"] = 12, ["december"] = 12,
    };
#pragma warning restore format

    public static bool TryParse(string? text, DateOnly today, DateLean lean, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxInputLength)
        {
            return false;
        }

        var s = Words.Fold(text).Replace("tanggal ", string.Empty, StringComparison.Ordinal).Replace("tgl ", string.Empty, StringComparison.Ordinal).Trim().TrimEnd('.');
        switch (s)
        {
            case "hari ini" or "today" or "sekarang" or "now":
                date = today;
                return true;
            case "kemarin" or "yesterday" or "kemaren":
                date = today.AddDays(-1);
                return true;
            case "besok" or "tomorrow" or "besuk":
                date = today.AddDays(1);
                return true;
            case "lusa":
                date = today.AddDays(2);
                return true;
            case "kemarin lusa":
                date = today.AddDays(-2);
                return true;
        }

        // "minggu lalu" / "minggu depan" usually mean last / next *week*, not Sunday: too vague to guess.
        if (s is "minggu lalu" or "minggu depan" or "minggu ini" or "minggu kemarin")
        {
            return false;
        }

        return TryWeekday(s, today, lean, out date) || TryNumeric(s, today, lean, out date) || TryMonthName(s, today, lean, out date);
    }

    private static bool TryWeekday(string s, DateOnly today, DateLean lean, out DateOnly date)
    {
        date = default;
        var m = WeekdayPattern().Match(s);
        if (!m.Success || !DayParser.TryParse(m.Groups["day"].Value, out var day))
        {
            return false;
        }

        var modifier = m.Groups["pre"].Success ? m.Groups["pre"].Value.Trim() : m.Groups["post"].Value.Trim();
        var back = ((int)today.DayOfWeek - (int)day + 7) % 7; // days since the latest such weekday (0 = today)
        var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7; // days until the next (0 = today)
        date = modifier switch
        {
            "lalu" or "kemarin" or "last" => today.AddDays(back == 0 ? -7 : -back),
            "depan" or "next" or "besok" => today.AddDays(ahead == 0 ? 7 : ahead),
            "ini" or "this" => today.AddDays(lean == DateLean.Past ? -back : ahead),
            _ => today.AddDays(lean == DateLean.Past ? -back : ahead),
        };
        return true;
    }

    private static bool TryNumeric(string s, DateOnly today, DateLean lean, out DateOnly date)
    {
        date = default;
        var iso = IsoPattern().Match(s);
        if (iso.Success)
        {
            return TryMake(Int(iso.Groups["y"].Value), Int(iso.Groups["m"].Value), Int(iso.Groups["d"].Value), out date);
        }

        var m = DayMonthPattern().Match(s);
        if (!m.Success)
        {
            return false;
        }

        var day = Int(m.Groups["d"].Value);
        var month = Int(m.Groups["m"].Value);
        if (m.Groups["y"].Success)
        {
            var year = Int(m.Groups["y"].Value);
            return TryMake(year < 100 ? 2000 + year : year, month, day, out date);
        }

        return TryNearest(day, month, today, lean, out date);
    }

    private static bool TryMonthName(string s, DateOnly today, DateLean lean, out DateOnly date)
    {
        date = default;
        var m = DayNamePattern().Match(s);
        if (!m.Success)
        {
            m = NameDayPattern().Match(s);
        }

        if (!m.Success || !Months.TryGetValue(m.Groups["mon"].Value, out var month))
        {
            return false;
        }

        var day = Int(m.Groups["d"].Value);
        if (m.Groups["y"].Success)
        {
            var year = Int(m.Groups["y"].Value);
            return TryMake(year < 100 ? 2000 + year : year, month, day, out date);
        }

        return TryNearest(day, month, today, lean, out date);
    }

    /// <summary>A day and month without a year: the one nearest today on the leaning side (today included).</summary>
    private static bool TryNearest(int day, int month, DateOnly today, DateLean lean, out DateOnly date)
    {
        date = default;
        foreach (var year in lean == DateLean.Past ? new[] { today.Year, today.Year - 1 } : [today.Year, today.Year + 1])
        {
            if (TryMake(year, month, day, out var candidate) && (lean == DateLean.Past ? candidate <= today : candidate >= today))
            {
                date = candidate;
                return true;
            }
        }

        // 29 February in a year that has none, or no such day at all.
        return false;
    }

    private static bool TryMake(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 2000 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:(?<pre>last|next|this)\s+)?(?:hari\s+)?(?<day>[a-z']+)(?:\s+(?<post>lalu|kemarin|depan|besok|ini))?$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayPattern();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})\s*[/\-.]\s*(?<m>[0-9]{1,2})(?:\s*[/\-.]\s*(?<y>[0-9]{4}|[0-9]{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthPattern();

    [GeneratedRegex(@"^(?:[a-z']+,?\s+)?(?<d>[0-9]{1,2})\s*(?<mon>[a-z]+)\.?(?:\s+(?<y>[0-9]{4}|[0-9]{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DayNamePattern();

    [GeneratedRegex(@"^(?<mon>[a-z]+)\.?\s+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?(?:\s+(?<y>[0-9]{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NameDayPattern();
}
