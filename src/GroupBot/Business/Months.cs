using System.Globalization;
using GroupBot.Chat;

namespace GroupBot.Business;

/// <summary>
/// A month as people type it: "bulan ini", "bulan lalu", "november", "nov 2026", "11/2026",
/// "2026-11", or a button's "month:2026-11". Without a year, the latest such month up to now.
/// </summary>
public static class Months
{
    private static readonly string[][] Names =
    [
        .. Enumerable.Range(1, 12).Select(m => new[]
        {
            Texts.Culture("id").DateTimeFormat.GetMonthName(m), Texts.Culture("id").DateTimeFormat.GetAbbreviatedMonthName(m),
            CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m), CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m),
        }.Select(n => n.ToLowerInvariant().TrimEnd('.')).Distinct().ToArray()),
    ];

    public static bool TryParse(string? text, DateOnly today, out DateOnly month)
    {
        month = default;
        var words = Words.Fold(text ?? string.Empty).Replace("month:", string.Empty, StringComparison.Ordinal).Replace("bulan ", string.Empty, StringComparison.Ordinal).Trim();
        var current = Books.MonthOf(today);
        switch (words)
        {
            case "ini" or "this month" or "sekarang":
                month = current;
                return true;
            case "lalu" or "kemarin" or "last month":
                month = current.AddMonths(-1);
                return true;
        }

        foreach (var format in new[] { "yyyy-MM", "M/yyyy", "MM/yyyy", "M-yyyy", "MM-yyyy" })
        {
            if (DateOnly.TryParseExact(words, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
            {
                month = exact;
                return true;
            }
        }

        var parts = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2)
        {
            return false;
        }

        var number = Array.FindIndex(Names, n => n.Contains(parts[0]));
        if (number < 0)
        {
            return false;
        }

        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
            {
                return false;
            }

            month = new DateOnly(year, number + 1, 1);
            return true;
        }

        month = new DateOnly(current.Year, number + 1, 1);
        if (month > current)
        {
            month = month.AddYears(-1);
        }

        return true;
    }
}
