using CsCheck;
using GroupBot.Chat.Parsing;

namespace GroupBot.Tests.Chat;

public sealed class RupiahTests
{
    [Theory]
    [InlineData("50000", 50_000)]
    [InlineData("50.000", 50_000)]
    [InlineData("50,000", 50_000)]
    [InlineData("Rp 50.000,-", 50_000)]
    [InlineData("Rp50rb", 50_000)]
    [InlineData("50 ribu", 50_000)]
    [InlineData("1,5 juta", 1_500_000)]
    [InlineData("1.5jt", 1_500_000)]
    [InlineData("2 jt", 2_000_000)]
    [InlineData("500k", 500_000)]
    [InlineData("1 juta 250 ribu", 1_250_000)]
    [InlineData("0", 0)]
    [InlineData("nol", 0)]
    [InlineData("Rp 0", 0)]
    [InlineData("Rp 1.500.000", 1_500_000)]
    [InlineData("Rp. 1.500.000", 1_500_000)]
    [InlineData("rp1.500.000", 1_500_000)]
    [InlineData("IDR 75.000", 75_000)]
    [InlineData("75.000 rupiah", 75_000)]
    [InlineData("75rb rupiah", 75_000)]
    [InlineData("1.250.000", 1_250_000)]
    [InlineData("1,250,000", 1_250_000)]
    [InlineData("1250000", 1_250_000)]
    [InlineData("50.000,00", 50_000)]
    [InlineData("50,000.00", 50_000)]
    [InlineData("Rp 50.000,00", 50_000)]
    [InlineData("Rp 50.000.-", 50_000)]
    [InlineData("50rb", 50_000)]
    [InlineData("50 rb", 50_000)]
    [InlineData("50RB", 50_000)]
    [InlineData("15 Ribu", 15_000)]
    [InlineData("2,5jt", 2_500_000)]
    [InlineData("2,5 juta", 2_500_000)]
    [InlineData("2.25 jt", 2_250_000)]
    [InlineData("10 juta", 10_000_000)]
    [InlineData("1jt250rb", 1_250_000)]
    [InlineData("1 jt 500 rb", 1_500_000)]
    [InlineData("3 juta 750rb", 3_750_000)]
    [InlineData("500 K", 500_000)]
    [InlineData("1.000 ribu", 1_000_000)]
    [InlineData("1 miliar", 1_000_000_000)]
    [InlineData("2 milyar", 2_000_000_000)]
    [InlineData("10 miliar", 10_000_000_000)]
    [InlineData("Rp 2.000", 2_000)]
    [InlineData("  Rp   25.000  ", 25_000)]
    [InlineData("25.000.", 25_000)]
    [InlineData("1 million", 1_000_000)]
    [InlineData("20 thousand", 20_000)]
    [InlineData("Rp25.500", 25_500)]
    [InlineData("999", 999)]
    [InlineData("1,00", 1)]
    public void Amounts_are_read_every_way_people_write_rupiah(string text, long expected)
    {
        Assert.Equal(AmountProblem.None, Rupiah.Parse(text, out var amount));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("banyak", AmountProblem.NotAnAmount)]
    [InlineData("", AmountProblem.NotAnAmount)]
    [InlineData("Rp", AmountProblem.NotAnAmount)]
    [InlineData("sekitar 50 ribu", AmountProblem.NotAnAmount)]
    [InlineData("50 ribuan", AmountProblem.NotAnAmount)]
    [InlineData("😀", AmountProblem.NotAnAmount)]
    [InlineData("-50000", AmountProblem.Negative)]
    [InlineData("minus 5 ribu", AmountProblem.Negative)]
    [InlineData("Rp -10.000", AmountProblem.Negative)]
    [InlineData("11 miliar", AmountProblem.TooLarge)]
    [InlineData("99999999999", AmountProblem.TooLarge)]
    [InlineData("1.5", AmountProblem.Ambiguous)]
    [InlineData("50,5", AmountProblem.Ambiguous)]
    [InlineData("1 juta 250", AmountProblem.Ambiguous)]
    [InlineData("250 ribu 1 juta", AmountProblem.Ambiguous)]
    [InlineData("1.250,000", AmountProblem.Ambiguous)]
    [InlineData("12.34.567", AmountProblem.Ambiguous)]
    [InlineData("1,500 rb", AmountProblem.Ambiguous)]
    [InlineData("99999999999999999999999999 miliar", AmountProblem.TooLarge)]
    [InlineData("٥٠٠٠٠", AmountProblem.NotAnAmount)]
    [InlineData("-", AmountProblem.NotAnAmount)]
    [InlineData("Rp 1.500,50", AmountProblem.Fraction)]
    [InlineData("0,0000001 jt", AmountProblem.Fraction)]
    public void Unreadable_negative_absurd_and_ambiguous_amounts_are_refused(string text, AmountProblem problem)
    {
        Assert.Equal(problem, Rupiah.Parse(text, out _));
    }

    [Fact]
    public void A_5000_character_amount_is_refused()
    {
        Assert.Equal(AmountProblem.NotAnAmount, Rupiah.Parse(new string('9', 5000), out _));
    }

    [Theory]
    [InlineData(0, "Rp 0")]
    [InlineData(500, "Rp 500")]
    [InlineData(1_500_000, "Rp 1.500.000")]
    [InlineData(10_000_000_000, "Rp 10.000.000.000")]
    [InlineData(-25_000, "-Rp 25.000")]
    public void Amounts_are_shown_the_Indonesian_way(long amount, string shown) => Assert.Equal(shown, Rupiah.Format(amount));

    [Fact]
    public void Formatting_any_amount_and_parsing_it_back_gives_the_same_amount()
    {
        Gen.Long[0, Rupiah.Max].Sample(amount =>
        {
            Assert.Equal(AmountProblem.None, Rupiah.Parse(Rupiah.Format(amount), out var parsed));
            Assert.Equal(amount, parsed);
        });
    }
}
