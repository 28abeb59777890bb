namespace GroupBot.Chat.Parsing;

/// <summary>Weekday names in Indonesian and English, with common spellings ("jum'at", "kamis", "thu").</summary>
public static class DayParser
{
    // A hand-laid table, one day per line with all its spellings: kept out of the formatter.
#pragma warning disable format
    private static readonly Dictionary<string, DayOfWeek> Names = new(StringComparer.Ordinal)
    {
        ["senin"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["selasa"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday,
        ["rabu"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday,
        ["kamis"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday,
        ["jumat"] = DayOfWeek.Friday, ["jum'at"] = DayOfWeek.Friday, ["jumaat"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["sabtu"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
        ["minggu"] = DayOfWeek.Sunday, ["ahad"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
    };
#pragma warning restore format

    public static bool TryParse(string? text, out DayOfWeek day)
    {
        var s = Words.Fold(text ?? string.Empty).Replace("hari ", string.Empty, StringComparison.Ordinal).Trim();
        if (s.StartsWith("day:", StringComparison.Ordinal) && int.TryParse(s[4..], out var n) && n is >= 0 and <= 6)
        {
            day = (DayOfWeek)n;
            return true;
        }

        return Names.TryGetValue(s, out day);
    }
}
