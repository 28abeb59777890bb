using System.Globalization;
using System.Text.RegularExpressions;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;

namespace GroupBot.Summaries;

/// <summary>Weeks run Monday to Sunday in the deployment's local calendar (ISO 8601 weeks).</summary>
public static partial class Weeks
{
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static string Label(DateOnly monday) => $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";

    /// <summary>"" (this week), "lalu"/"last", "2026-W47", or a date inside the week. Null when the text names no week.</summary>
    public static DateOnly? Parse(string text, DateOnly today)
    {
        var s = Words.Fold(text);
        if (s.Length == 0 || s is "ini" or "minggu ini" or "this week")
        {
            return MondayOf(today);
        }

        if (s is "lalu" or "minggu lalu" or "last" or "last week" or "kemarin")
        {
            return MondayOf(today).AddDays(-7);
        }

        var iso = IsoWeek().Match(s);
        if (iso.Success)
        {
            var year = int.Parse(iso.Groups["y"].Value, CultureInfo.InvariantCulture);
            var week = int.Parse(iso.Groups["w"].Value, CultureInfo.InvariantCulture);
            return year is >= 2000 and <= 2100 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year)
                ? DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday))
                : null;
        }

        return DateParser.TryParse(s, today, DateLean.Past, out var date) ? MondayOf(date) : null;
    }

    [GeneratedRegex(@"^(?<y>[0-9]{4})-?w(?<w>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoWeek();
}
