using System.Globalization;
using System.Text.RegularExpressions;

namespace GroupBot.Chat.Parsing;

/// <summary>
/// Reads a time of day as people type it: "14.00", "14:00", "14", "jam 2 siang", "2 sore",
/// "9 pagi", "7 malam", "2pm".
/// </summary>
public static partial class TimeOfDayParser
{
    public static bool TryParse(string? text, out TimeOnly time)
    {
        time = default;
        var s = Words.Fold(text ?? string.Empty);
        if (s.Length is 0 or > 40)
        {
            return false;
        }

        var m = Pattern().Match(s);
        if (!m.Success)
        {
            return false;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var part = m.Groups["part"].Success ? m.Groups["part"].Value : string.Empty;
        if (minute > 59 || hour > 23)
        {
            return false;
        }

        switch (part)
        {
            case "pagi" or "am":
                if (hour > 12)
                {
                    return false;
                }

                hour %= 12;
                break;
            case "siang":
                // "jam 12 siang" is noon, "jam 2 siang" is 14.00, "jam 11 siang" is 11.00.
                if (hour is >= 1 and <= 5)
                {
                    hour += 12;
                }

                break;
            case "sore" or "malam" or "pm":
                if (hour > 12)
                {
                    break;
                }

                if (hour < 12)
                {
                    hour += 12;
                }

                break;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    [GeneratedRegex(@"^(?:(?:jam|pukul|pkl\.?|at)\s*)?(?<h>[0-9]{1,2})(?:\s*[.:]\s*(?<m>[0-9]{2}))?\s*(?:wib)?\s*(?<part>pagi|siang|sore|malam|am|pm)?\s*(?:wib)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
