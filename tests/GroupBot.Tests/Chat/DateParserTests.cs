using GroupBot.Chat.Parsing;

namespace GroupBot.Tests.Chat;

/// <summary>Today is Saturday 28 November 2026 in these tables.</summary>
public sealed class DateParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Theory]
    [InlineData("hari ini", "2026-11-28")]
    [InlineData("Hari Ini", "2026-11-28")]
    [InlineData("today", "2026-11-28")]
    [InlineData("kemarin", "2026-11-27")]
    [InlineData("yesterday", "2026-11-27")]
    [InlineData("besok", "2026-11-29")]
    [InlineData("tomorrow", "2026-11-29")]
    [InlineData("lusa", "2026-11-30")]
    [InlineData("28/11", "2026-11-28")]
    [InlineData("27/11", "2026-11-27")]
    [InlineData("28-11-2026", "2026-11-28")]
    [InlineData("28/11/2026", "2026-11-28")]
    [InlineData("28.11.2026", "2026-11-28")]
    [InlineData("1/12/26", "2026-12-01")]
    [InlineData("2026-11-28", "2026-11-28")]
    [InlineData("28 Nov", "2026-11-28")]
    [InlineData("28 nov", "2026-11-28")]
    [InlineData("28 November 2026", "2026-11-28")]
    [InlineData("28 Nopember 2026", "2026-11-28")]
    [InlineData("tanggal 20 November", "2026-11-20")]
    [InlineData("tgl 3 agustus 2026", "2026-08-03")]
    [InlineData("Jumat, 27 November 2026", "2026-11-27")]
    [InlineData("November 28", "2026-11-28")]
    [InlineData("November 20, 2026", "2026-11-20")]
    [InlineData("Jumat", "2026-11-27")]
    [InlineData("jum'at", "2026-11-27")]
    [InlineData("Sabtu", "2026-11-28")]
    [InlineData("Jumat lalu", "2026-11-27")]
    [InlineData("Sabtu lalu", "2026-11-21")]
    [InlineData("Jumat depan", "2026-12-04")]
    [InlineData("Sabtu depan", "2026-12-05")]
    [InlineData("hari Senin", "2026-11-23")]
    [InlineData("hari Minggu lalu", "2026-11-22")]
    [InlineData("Friday", "2026-11-27")]
    [InlineData("last Friday", "2026-11-27")]
    [InlineData("next Friday", "2026-12-04")]
    [InlineData("last Saturday", "2026-11-21")]
    [InlineData("5 Desember 2026", "2026-12-05")]
    [InlineData("31/12/2025", "2025-12-31")]
    [InlineData("30 Des", "2025-12-30")]
    public void Dates_lean_to_the_past_for_held_meetings(string text, string expected)
    {
        Assert.True(DateParser.TryParse(text, Today, DateLean.Past, out var date), text);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("Jumat", "2026-12-04")]
    [InlineData("Sabtu", "2026-11-28")]
    [InlineData("28/11", "2026-11-28")]
    [InlineData("27/11", "2027-11-27")]
    [InlineData("3 Des", "2026-12-03")]
    [InlineData("Monday", "2026-11-30")]
    public void Dates_lean_to_the_future_for_plans(string text, string expected)
    {
        Assert.True(DateParser.TryParse(text, Today, DateLean.Future, out var date), text);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kapan-kapan")]
    [InlineData("31/02")]
    [InlineData("32/1")]
    [InlineData("28/13/2026")]
    [InlineData("28 Brumaire")]
    [InlineData("29/2/2026")]
    [InlineData("12345")]
    [InlineData("😀")]
    [InlineData("1/1/1999")]
    [InlineData("٢٨/١١")]
    [InlineData("minggu lalu")]
    [InlineData("minggu depan")]
    public void Impossible_dates_are_refused(string text)
    {
        Assert.False(DateParser.TryParse(text, Today, DateLean.Past, out _), text);
    }
}
