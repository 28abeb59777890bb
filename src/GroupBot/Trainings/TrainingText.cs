using System.Text.RegularExpressions;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;

namespace GroupBot.Trainings;

public static partial class TrainingText
{
    /// <summary>"Senin, 26 Juli 2027" or "26–28 Juli 2027" for several days.</summary>
    public static string Dates(string language, Training t) => Dates(language, t.StartDate, t.EndDate);

    public static string Dates(string language, DateOnly start, DateOnly end)
    {
        if (start == end)
        {
            return Format.Date(language, start);
        }

        var culture = Texts.Culture(language);
        return start.Month == end.Month && start.Year == end.Year
            ? $"{start.Day}–{end.ToString("d MMMM yyyy", culture)}"
            : $"{start.ToString("d MMMM", culture)} – {end.ToString("d MMMM yyyy", culture)}";
    }

    /// <summary>
    /// What everyone invited is sent about a training: the invitation, a change, a reminder
    /// (<paramref name="textKey"/>), with the WhatsApp template for when her 24-hour window is closed.
    /// </summary>
    public static OutgoingMessage Notice(Texts texts, string language, Training training, string textKey, bool withRsvp)
    {
        var dates = Dates(language, training);
        var time = Format.Time(language, training.StartTime);
        return new OutgoingMessage
        {
            Text = texts.Get(language, textKey, training.Title, dates, time, training.Venue),
            Choices = withRsvp ? RsvpChoices(texts, language, training.Id) : [],
            Template = new TemplateRef(Templates.TrainingReminder, language, [training.Title, dates, time, training.Venue]),
        };
    }

    /// <summary>RSVP buttons carry a command ("pelatihan jawab 12 ya"), so they work outside any conversation.</summary>
    public static IReadOnlyList<Choice> RsvpChoices(Texts texts, string language, long trainingId) =>
    [
        new($"pelatihan jawab {trainingId} ya", texts.Get(language, "Button.RsvpYes")),
        new($"pelatihan jawab {trainingId} tidak", texts.Get(language, "Button.RsvpNo")),
        new($"pelatihan jawab {trainingId} mungkin", texts.Get(language, "Button.RsvpMaybe")),
    ];

    /// <summary>"26-28 Juli", "26/7 - 28/7", "26 Juli sampai 28 Juli 2027", or one date. Future-leaning.</summary>
    public static bool TryParseRange(string text, DateOnly today, out DateOnly start, out DateOnly end)
    {
        start = end = default;
        var s = Words.Fold(text);
        var compact = CompactRange().Match(s);
        if (compact.Success && DateParser.TryParse($"{compact.Groups["b"].Value} {compact.Groups["rest"].Value}", today, DateLean.Future, out end))
        {
            var day = int.Parse(compact.Groups["a"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (day < 1 || day > end.Day)
            {
                return false;
            }

            start = new DateOnly(end.Year, end.Month, day);
            return true;
        }

        var parts = RangeSeparator().Split(s);
        if (parts.Length == 2 && DateParser.TryParse(parts[0], today, DateLean.Future, out start) && DateParser.TryParse(parts[1], today, DateLean.Future, out end))
        {
            return end >= start && end.DayNumber - start.DayNumber <= 31;
        }

        if (parts.Length == 1 && DateParser.TryParse(s, today, DateLean.Future, out start))
        {
            end = start;
            return true;
        }

        return false;
    }

    /// <summary>The "which dates?" step of creating and of moving a training.</summary>
    public static Step<TDraft> DatesStep<TDraft>(Action<TDraft, DateOnly, DateOnly> set, string next) => new()
    {
        Ask = (turn, d, ct) =>
        {
            turn.Say(turn.T("Training.AskDates"));
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) =>
        {
            if (!TryParseRange(a.Text, turn.Clock.Today, out var start, out var end) || start < turn.Clock.Today)
            {
                return Task.FromResult(Next.Retry(turn.T("Training.DatesRetry")));
            }

            set(d, start, end);
            return Task.FromResult(Next.GoTo(next));
        },
    };

    [GeneratedRegex(@"^(?<a>[0-9]{1,2})\s*[-–]\s*(?<b>[0-9]{1,2})\s+(?<rest>[a-z]+(?:\s+[0-9]{4})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactRange();

    [GeneratedRegex(@"\s+(?:-|–|sampai|s/d|sd|to|until)\s+|\s*–\s*", RegexOptions.CultureInvariant)]
    private static partial Regex RangeSeparator();
}
