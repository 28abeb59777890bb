using GroupBot.Chat.Parsing;

namespace GroupBot.Chat;

/// <summary>Steps several flows ask the same way: a weekday (buttons Monday to Sunday), a time of day, a short text.</summary>
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

    /// <summary>
    /// A short free text (a title, a place): at least 3 characters with a word in it, at most
    /// <paramref name="max"/>, on one line.
    /// </summary>
    public static bool TryShortText(string text, int max, out string value)
    {
        value = Words.Clean(text).Replace('\n', ' ');
        return value.Length >= 3 && value.Length <= max && !Words.HasNoWords(value);
    }

    /// <summary>Asks <paramref name="askKey"/>; a <see cref="TryShortText"/> answer is kept and goes to <paramref name="next"/>, anything else gets <paramref name="retryKey"/>.</summary>
    public static Step<TDraft> ShortText<TDraft>(string askKey, string retryKey, int max, Action<TDraft, string> set, string next) => new()
    {
        Ask = (turn, d, ct) =>
        {
            turn.Say(turn.T(askKey));
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) =>
        {
            if (!TryShortText(a.Text, max, out var value))
            {
                return Task.FromResult(Next.Retry(turn.T(retryKey)));
            }

            set(d, value);
            return Task.FromResult(Next.GoTo(next));
        },
    };

    /// <summary>The buttons under a summary: save (as <paramref name="saveKey"/> says), change, cancel.</summary>
    public static Choice[] SaveEditCancel(Turn turn, string saveKey = "Button.Save") =>
        [new("confirm:save", turn.T(saveKey)), new("confirm:edit", turn.T("Button.Edit")), new("batal", turn.T("Button.Cancel"))];

    /// <summary>A summary's Simpan: the button, or typed "simpan", "save", "ya", "yes".</summary>
    public static bool IsSave(Answer a) => a.Value is "confirm:save" or "simpan" or "save" or "ya" or "yes";

    /// <summary>A summary's Ubah: the button, or typed "ubah", "edit", "change".</summary>
    public static bool IsEdit(Answer a) => a.Value is "confirm:edit" or "ubah" or "edit" or "change";

    /// <summary>The button id of "Tidak ada" on an optional amount.</summary>
    public const string NoAmount = "amount:none";

    /// <summary>An optional amount answered with "Tidak ada" (the button, or "lewati", "skip", "-", …): zero.</summary>
    public static bool IsNoAmount(Answer a) => a.Value is NoAmount or "lewati" or "skip" or "tidak ada" or "tidak" or "-" or "none" or "no";

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
