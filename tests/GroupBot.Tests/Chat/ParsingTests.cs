using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;

namespace GroupBot.Tests.Chat;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("hadir", "hadir", "")]
    [InlineData("/Hadir", "hadir", "")]
    [InlineData("/hadir@GroupBotJemari_bot", "hadir", "")]
    [InlineData("  HADIR  ", "hadir", "")]
    [InlineData("anggota   tambah Siti", "anggota", "tambah Siti")]
    [InlineData("kode baru #12", "kode", "baru #12")]
    [InlineData("\u200bhadir", "hadir", "")]
    public void Commands_are_read_in_any_case_with_or_without_slash(string text, string word, string rest)
    {
        Assert.Equal((word, rest), Words.SplitCommand(text));
    }

    [Theory]
    [InlineData("  \u2069NaNNEI-1.5", 12, new[] { "\u2069NaNNEI-1.5" })] // a text that starts with spaces
    [InlineData("abcdefgh\t", 8, new[] { "abcdefgh" })] // a tab left after the last cut
    [InlineData("a😀😀", 4, new[] { "a😀", "😀" })] // a hard cut falls inside an emoji
    [InlineData("😀😀😀", 3, new[] { "😀", "😀", "😀" })]
    public void Long_text_is_split_into_pieces_that_can_each_be_sent(string text, int max, string[] pieces)
    {
        // Blank pieces are refused by Telegram ("message text is empty") and half an emoji is mojibake.
        Assert.Equal(pieces, Words.SplitAtLines(text, max));
    }

    [Theory]
    [InlineData("14.00", 14, 0)]
    [InlineData("14:00", 14, 0)]
    [InlineData("14", 14, 0)]
    [InlineData("08.30", 8, 30)]
    [InlineData("jam 2 siang", 14, 0)]
    [InlineData("jam 12 siang", 12, 0)]
    [InlineData("Jam 11 siang", 11, 0)]
    [InlineData("2 sore", 14, 0)]
    [InlineData("pukul 9 pagi", 9, 0)]
    [InlineData("7 malam", 19, 0)]
    [InlineData("14.00 WIB", 14, 0)]
    [InlineData("2pm", 14, 0)]
    [InlineData("9 am", 9, 0)]
    [InlineData("jam 3.30 sore", 15, 30)]
    public void Times_of_day_are_read_the_ways_people_type_them(string text, int hour, int minute)
    {
        Assert.True(TimeOfDayParser.TryParse(text, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("25.00")]
    [InlineData("14.75")]
    [InlineData("siang")]
    [InlineData("besok")]
    [InlineData("13 pagi")]
    [InlineData("😀")]
    [InlineData("١٤.٠٠")]
    public void Nonsense_times_are_refused(string text) => Assert.False(TimeOfDayParser.TryParse(text, out _));

    [Theory]
    [InlineData("Jumat", DayOfWeek.Friday)]
    [InlineData("jum'at", DayOfWeek.Friday)]
    [InlineData("hari Senin", DayOfWeek.Monday)]
    [InlineData("MINGGU", DayOfWeek.Sunday)]
    [InlineData("thursday", DayOfWeek.Thursday)]
    [InlineData("day:3", DayOfWeek.Wednesday)]
    public void Weekdays_are_read_in_both_languages(string text, DayOfWeek day)
    {
        Assert.True(DayParser.TryParse(text, out var parsed));
        Assert.Equal(day, parsed);
    }

    [Theory]
    [InlineData("0812-3456-7890", "6281234567890")]
    [InlineData("0812 3456 7890", "6281234567890")]
    [InlineData("+62 812 3456 7890", "6281234567890")]
    [InlineData("62812345678", "62812345678")]
    [InlineData("812 3456 7890", "6281234567890")]
    [InlineData("(0813) 1111-2222", "6281311112222")]
    public void Indonesian_phone_numbers_are_normalised(string text, string digits)
    {
        Assert.True(Phone.TryNormalize(text, out var normalized));
        Assert.Equal(digits, normalized);
    }

    [Theory]
    [InlineData("0812")]
    [InlineData("021 555 1234")] // a landline, not WhatsApp
    [InlineData("+1 650 555 1234")]
    [InlineData("0812-abc-7890")]
    [InlineData("")]
    public void Other_numbers_are_refused(string text) => Assert.False(Phone.TryNormalize(text, out _));
}
