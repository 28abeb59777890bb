using GroupBot.Chat.Parsing;

namespace GroupBot.Chat;

/// <summary>Steps several flows ask the same way: a weekday (buttons Monday to Sunday) and a time of day.</summary>
public static class CommonSteps
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static Step<TDraft> WeekDay<TDraft>(Action<TDraft, DayOfWeek> set, string next) => new()
    {
        Ask = (turn, d, ct) =>
        {
            turn.Say(turn.T("GroupNew.AskDay"), [.. Week.Select(w => new Choice($"day:{(int)w}", Format.Day(turn.Language, w)))]);
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) =>
        {
            if (!DayParser.TryParse(a.Value, out var day))
            {
                return Task.FromResult(Next.Retry(turn.T("GroupNew.DayRetry")));
            }

            set(d, day);
            return Task.FromResult(Next.GoTo(next));
        },
    };

    /// <summary>Asks <paramref name="askKey"/>; a readable time goes to <paramref name="then"/>.</summary>
    public static Step<TDraft> TimeOfDay<TDraft>(string askKey, Func<Turn, TDraft, TimeOnly, CancellationToken, Task<Next>> then) => new()
    {
        Ask = (turn, d, ct) =>
        {
            turn.Say(turn.T(askKey));
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) => TimeOfDayParser.TryParse(a.Text, out var time)
            ? then(turn, d, time, ct)
            : Task.FromResult(Next.Retry(turn.T("GroupNew.TimeRetry"))),
    };
}
