using System.Globalization;
using CsCheck;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Tests.Support;

namespace GroupBot.Tests.Chat;

/// <summary>
/// Property tests over everything that reads what people type: whatever arrives (any script,
/// invisible characters, broken UTF-16, 100k characters, absurd numbers), nothing throws and what
/// comes out keeps its promises. See <see cref="Hostile"/> for replaying a failure.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Iterations = 2_000;

    /// <summary>Characters <see cref="Words.Clean"/> drops: sprinkled into a word, they must not change how it reads.</summary>
    private static readonly string[] Invisible = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\0", "\u0001", "\u001f", "\u007f"];

    private static readonly DateOnly Today = new(2026, 12, 4);

    private static readonly Gen<DateOnly> AnyToday = Gen.Int[0, 36_000].Select(d => new DateOnly(2001, 1, 1).AddDays(d));

    /// <summary>The word with invisible characters inserted anywhere and its letters in random case.</summary>
    private static Gen<string> Disguised(string word) =>
        Gen.Select(Gen.OneOf(Invisible).Array[word.Length + 1], Gen.Bool.Array[word.Length], (extra, upper) =>
            string.Concat(word.Select((c, i) => extra[i] + (upper[i] ? char.ToUpperInvariant(c) : c))) + extra[^1]);

    private static bool IsKept(char c) =>
        !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format);

    [Fact]
    public void Clean_never_throws_and_leaves_only_tidy_text_with_every_visible_character_kept()
    {
        Hostile.AnyText.Sample(text =>
        {
            var clean = Words.Clean(text);

            Assert.True(clean.Length <= Words.MaxAnswerLength + 1);
            Assert.DoesNotContain(clean, c => c != '\n' && (char.IsWhiteSpace(c) ? c != ' ' : !IsKept(c)));
            Assert.Equal(clean.Trim(), clean);
            Assert.DoesNotContain("  ", clean, StringComparison.Ordinal);
            Assert.Equal(clean, Words.Clean(clean));
            var visible = new string([.. text.Where(IsKept)]);
            var kept = new string([.. clean.Where(IsKept)]);
            if (text.Length <= Words.MaxAnswerLength)
            {
                Assert.Equal(visible, kept);
            }
            else
            {
                Assert.StartsWith(kept, visible, StringComparison.Ordinal);
            }
        }, seed: Hostile.Seed, iter: Iterations, print: Hostile.Show);
    }

    [Fact]
    public void SplitCommand_never_throws_and_gives_a_bare_lower_case_word_and_the_rest()
    {
        Hostile.AnyText.Sample(text =>
        {
            var (word, rest) = Words.SplitCommand(text);
            var clean = Words.Clean(text);

            Assert.DoesNotContain(word, char.IsWhiteSpace);
            Assert.Equal(word.ToLowerInvariant(), word);
            Assert.False(word.StartsWith('/'), word);
            Assert.DoesNotContain('@', word);
            Assert.Equal(rest.Trim(), rest);
            Assert.EndsWith(rest, clean, StringComparison.Ordinal);
            Assert.True(word.Length + rest.Length <= clean.Length);
            _ = GlobalWords.Match(text);
        }, seed: Hostile.Seed, iter: Iterations, print: Hostile.Show);
    }

    [Fact]
    public void SplitAtLines_gives_pieces_within_the_limit_that_add_up_to_the_text()
    {
        var gen = Gen.Frequency(
            (20, Gen.Select(Hostile.WellFormedText, Gen.Int[2, 60])),
            (1, Gen.Select(Hostile.VeryLong.Select(Hostile.Repair), Gen.Int[1_000, 5_000])));
        gen.Sample((text, max) =>
        {
            var parts = Words.SplitAtLines(text, max);

            Assert.NotEmpty(parts);
            Assert.All(parts, p => Assert.True(p.Length <= max, $"{p.Length} > {max}"));
            // Only the line breaks and spaces at a cut may go: every other character stays, in order.
            Assert.Equal(string.Concat(text.Where(c => !char.IsWhiteSpace(c))), string.Concat(parts.SelectMany(p => p.Where(c => !char.IsWhiteSpace(c)))));
            if (text.Length <= max)
            {
                Assert.Equal(text, Assert.Single(parts));
            }
            else if (!string.IsNullOrWhiteSpace(text))
            {
                // Every piece is sent as a message of its own: none may be blank or cut an emoji in half.
                Assert.All(parts, p => Assert.False(string.IsNullOrWhiteSpace(p), $"blank piece in {parts.Count}"));
                Assert.All(parts, p => Assert.True(Hostile.IsWellFormed(p), $"broken surrogate pair in {Hostile.Show(p)}"));
            }
        }, seed: Hostile.Seed, iter: Iterations, print: t => $"max {t.Item2}: {Hostile.Show(t.Item1)}");
    }

    [Fact]
    public void Rupiah_never_throws_and_an_amount_it_reads_is_whole_rupiah_within_the_limit()
    {
        Hostile.AnyText.Sample(text =>
        {
            var problem = Rupiah.Parse(text, out var amount);

            Assert.True(Enum.IsDefined(problem));
            Assert.Equal(problem == AmountProblem.None, Rupiah.TryParse(text, out var again) && again == amount);
            if (problem != AmountProblem.None)
            {
                Assert.Equal(0, amount);
                return;
            }

            Assert.InRange(amount, 0, Rupiah.Max);
            Assert.True(text.Length <= Rupiah.MaxInputLength);
            // Digits of other scripts are refused, never read as something else.
            Assert.DoesNotContain(Words.Clean(text), c => char.IsDigit(c) && !char.IsAsciiDigit(c));
            Assert.True(text.Any(char.IsAsciiDigit) || Words.Fold(text) is "nol" or "zero" or "kosong", "an amount needs a digit");
            Assert.Equal(AmountProblem.None, Rupiah.Parse(Rupiah.Format(amount), out var shown));
            Assert.Equal(amount, shown);
        }, seed: Hostile.Seed, iter: Iterations, print: Hostile.Show);
    }

    [Fact]
    public void Rupiah_reads_amount_shaped_text_consistently_with_or_without_Rp_and_invisible_characters()
    {
        Hostile.AmountLike.Sample(text =>
        {
            var problem = Rupiah.Parse(text, out var amount);
            if (problem == AmountProblem.None && text.Length + 3 <= Rupiah.MaxInputLength)
            {
                Assert.InRange(amount, 0, Rupiah.Max);
                Assert.Equal(AmountProblem.None, Rupiah.Parse("Rp " + text, out var withRp));
                Assert.Equal(amount, withRp);
            }

            if (text.Length <= Rupiah.MaxInputLength)
            {
                var visible = new string([.. text.Where(c => !Invisible.Contains(c.ToString()))]).Trim();
                Assert.Equal(problem, Rupiah.Parse(visible, out var plain));
                Assert.Equal(amount, plain);
            }
        }, seed: Hostile.Seed, iter: Iterations, print: Hostile.Show);
    }

    [Fact]
    public void DateParser_never_throws_and_a_date_it_reads_is_near_today_or_in_this_century()
    {
        Gen.Select(Hostile.AnyText, AnyToday, Gen.Bool).Sample((text, today, past) =>
        {
            if (!DateParser.TryParse(text, today, past ? DateLean.Past : DateLean.Future, out var date))
            {
                Assert.Equal(default, date);
                return;
            }

            var near = date >= today.AddDays(-370) && date <= today.AddDays(370);
            var explicitYear = date >= new DateOnly(2000, 1, 1) && date <= new DateOnly(2100, 12, 31);
            Assert.True(near || explicitYear, $"{date} from {today}");
        }, seed: Hostile.Seed, iter: Iterations, print: t => $"{t.Item2} {(t.Item3 ? "past" : "future")}: {Hostile.Show(t.Item1)}");
    }

    [Fact]
    public void A_day_and_month_is_read_only_when_that_date_exists_and_on_the_side_asked_for()
    {
        Gen.Select(Gen.Int[-2, 40], Gen.Int[-2, 15], Gen.OneOf("/", "-", ".", " / "), Gen.Bool).Sample((day, month, separator, past) =>
        {
            var text = $"{day}{separator}{month}";
            var read = DateParser.TryParse(text, Today, past ? DateLean.Past : DateLean.Future, out var date);

            var exists = day >= 1 && month is >= 1 and <= 12 && day <= DateTime.DaysInMonth(past ? Today.Year - 1 : Today.Year + 1, month);
            Assert.Equal(exists, read);
            if (read)
            {
                Assert.Equal((day, month), (date.Day, date.Month));
                Assert.True(past ? date <= Today && date > Today.AddYears(-1) : date >= Today && date < Today.AddYears(1), $"{date}");
            }
        }, seed: Hostile.Seed, iter: Iterations);
    }

    [Fact]
    public void Weekdays_read_the_same_in_any_case_and_with_invisible_characters_and_land_on_that_day()
    {
        var words = new (string Word, DayOfWeek Day)[]
        {
            ("senin", DayOfWeek.Monday), ("selasa", DayOfWeek.Tuesday), ("rabu", DayOfWeek.Wednesday), ("kamis", DayOfWeek.Thursday),
            ("jumat", DayOfWeek.Friday), ("jum'at", DayOfWeek.Friday), ("sabtu", DayOfWeek.Saturday), ("minggu", DayOfWeek.Sunday),
            ("friday", DayOfWeek.Friday), ("sun", DayOfWeek.Sunday),
        };
        var gen = Gen.OneOf(words).SelectMany(w => Gen.Select(Gen.Const(w), Disguised(w.Word), Gen.OneOf("", " lalu", " depan"), AnyToday));
        gen.Sample((w, disguised, modifier, today) =>
        {
            Assert.True(DayParser.TryParse(disguised, out var day), Hostile.Show(disguised));
            Assert.Equal(w.Day, day);
            if (w.Word == "minggu" && modifier.Length > 0)
            {
                // "minggu lalu" is "last week" far more often than "last Sunday": refused as too vague.
                Assert.False(DateParser.TryParse(disguised + modifier, today, DateLean.Past, out _));
                return;
            }

            Assert.True(DateParser.TryParse(disguised + modifier, today, DateLean.Past, out var past), Hostile.Show(disguised + modifier));
            Assert.True(DateParser.TryParse(disguised + modifier, today, DateLean.Future, out var future));
            Assert.Equal(w.Day, past.DayOfWeek);
            Assert.Equal(w.Day, future.DayOfWeek);
            switch (modifier)
            {
                case " lalu":
                    Assert.InRange(today.DayNumber - past.DayNumber, 1, 7);
                    Assert.Equal(past, future);
                    break;
                case " depan":
                    Assert.InRange(future.DayNumber - today.DayNumber, 1, 7);
                    Assert.Equal(past, future);
                    break;
                default:
                    Assert.InRange(today.DayNumber - past.DayNumber, 0, 6);
                    Assert.InRange(future.DayNumber - today.DayNumber, 0, 6);
                    break;
            }
        }, seed: Hostile.Seed, iter: Iterations, print: t => $"{Hostile.Show(t.Item2)}{t.Item3} on {t.Item4}");
    }

    [Fact]
    public void DayParser_never_throws_and_reads_day_buttons_only_for_the_seven_days()
    {
        Hostile.AnyText.Sample(text =>
        {
            if (DayParser.TryParse(text, out var day))
            {
                Assert.True(Enum.IsDefined(day));
            }
        }, seed: Hostile.Seed, iter: Iterations, print: Hostile.Show);
        Gen.Int.Sample(n =>
        {
            var read = DayParser.TryParse($"day:{n.ToString(CultureInfo.InvariantCulture)}", out var day);
            Assert.Equal(n is >= 0 and <= 6, read);
            Assert.True(!read || (int)day == n);
        }, seed: Hostile.Seed, iter: Iterations);
    }

    [Fact]
    public void TimeOfDayParser_never_throws_on_any_text()
    {
        Hostile.AnyText.Sample(text =>
        {
            if (!TimeOfDayParser.TryParse(text, out var time))
            {
                Assert.Equal(default, time);
            }
        }, seed: Hostile.Seed, iter: Iterations, print: Hostile.Show);
    }

    [Fact]
    public void A_typed_time_is_read_exactly_when_the_hour_and_minute_exist()
    {
        Gen.Select(Gen.Int[-3, 130], Gen.Int[-3, 130], Gen.OneOf(".", ":", " . "), Gen.OneOf("", "jam ", "pukul ", "Jam\u200b "), Gen.OneOf("", " wib", " WIB\u200f"))
            .Sample((hour, minute, separator, prefix, suffix) =>
            {
                var text = $"{prefix}{hour}{separator}{minute:00}{suffix}";
                var read = TimeOfDayParser.TryParse(text, out var time);

                Assert.Equal(hour is >= 0 and <= 23 && minute is >= 0 and <= 59, read);
                if (read)
                {
                    Assert.Equal(new TimeOnly(hour, minute), time);
                }
            }, seed: Hostile.Seed, iter: Iterations, print: t => Hostile.Show($"{t.Item4}{t.Item1}{t.Item3}{t.Item2:00}{t.Item5}"));
    }
}
