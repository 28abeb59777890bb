using System.Globalization;

namespace GroupBot.Chat;

/// <summary>Dates, times and numbers the way people read them: "Jumat, 5 Desember 2026", "14.00".</summary>
public static class Format
{
    public static string Date(string language, DateOnly date) =>
        date.ToString(language == "en" ? "dddd, d MMMM yyyy" : "dddd, d MMMM yyyy", Texts.Culture(language));

    public static string Day(string language, DayOfWeek day) => Texts.Culture(language).DateTimeFormat.GetDayName(day);

    /// <summary>Indonesian writes times with a dot (14.00); English with a colon.</summary>
    public static string Time(string language, TimeOnly time) =>
        time.ToString(language == "en" ? "HH:mm" : "HH.mm", CultureInfo.InvariantCulture);

    public static string Number(string language, long value) => value.ToString("N0", Texts.Culture(language));
}
