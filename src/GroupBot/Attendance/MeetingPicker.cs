using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Attendance;

/// <summary>
/// The first step of reports and minutes: which meeting. Buttons for the latest held meetings
/// (the newest one without a record first), or any past date typed the usual ways.
/// </summary>
/// <summary>A draft that starts by picking one of its group's meetings.</summary>
public interface IMeetingDraft
{
    long GroupId { get; }
    long? MeetingId { get; set; }
    DateOnly MeetingDate { get; set; }
}

public static class MeetingPicker
{
    public const int Shown = 4;
    public const string Step = "meeting";
    public const string ConfirmStep = "meeting_confirm";

    public sealed record Picked(long? MeetingId, DateOnly Date, bool Unusual = false);

    /// <summary>
    /// The two steps every meeting-based flow starts with: pick (buttons or a date) and, for a
    /// date the group has no meeting on, a confirmation. <paramref name="recorded"/> lists meetings
    /// that already have this flow's record; <paramref name="picked"/> continues the flow.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, Step<TDraft>>> Steps<TDraft>(
        Func<Turn, long, CancellationToken, Task<List<long>>> recorded,
        Func<Turn, TDraft, CancellationToken, Task<Next>> picked) where TDraft : IMeetingDraft
    {
        yield return new(Step, new Step<TDraft>
        {
            Ask = async (turn, d, ct) => await AskAsync(turn, d.GroupId, (await recorded(turn, d.GroupId, ct)).ToHashSet(), ct),
            Answer = async (turn, d, a, ct) =>
            {
                var (choice, problem) = await AnswerAsync(turn, d.GroupId, a, ct);
                if (choice is null)
                {
                    return Next.Retry(problem!);
                }

                d.MeetingId = choice.MeetingId;
                d.MeetingDate = choice.Date;
                return choice.Unusual ? Next.GoTo(ConfirmStep) : await picked(turn, d, ct);
            },
        });
        yield return new(ConfirmStep, new Step<TDraft>
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Picker.ConfirmUnusual", Format.Date(turn.Language, d.MeetingDate)),
                    [new Choice("date:yes", turn.T("Button.YesThatDate")), new Choice("date:no", turn.T("Button.OtherDate"))]);
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) => a.Value switch
            {
                "date:yes" or "ya" or "yes" or "benar" => await picked(turn, d, ct),
                "date:no" or "bukan" or "tidak" or "no" => Next.GoTo(Step),
                _ => Next.Retry(turn.T("Join.ClaimRetry")),
            },
        });
    }

    /// <summary>Asks, with buttons for recent meetings; <paramref name="recorded"/> are meetings that already have a record.</summary>
    public static async Task AskAsync(Turn turn, long groupId, IReadOnlySet<long> recorded, CancellationToken ct)
    {
        var recent = await RecentAsync(turn, groupId, ct);
        if (recent.Count == 0)
        {
            turn.Say(turn.T("Picker.AskNoMeetings"));
            return;
        }

        var ordered = recent.OrderBy(m => recorded.Contains(m.Id)).ThenByDescending(m => m.Date).ToList();
        turn.Say(turn.T("Picker.Ask"), [.. ordered.Select(m => new Choice($"meeting:{m.Id}",
            ShortDate(turn, m.Date) + (recorded.Contains(m.Id) ? " ✓" : string.Empty)))]);
    }

    /// <summary>The picked meeting, or the sentence to re-ask with.</summary>
    public static async Task<(Picked? Picked, string? Problem)> AnswerAsync(Turn turn, long groupId, Answer answer, CancellationToken ct)
    {
        if (answer.ChoiceId is { } choice && choice.StartsWith("meeting:", StringComparison.Ordinal))
        {
            var meeting = long.TryParse(choice["meeting:".Length..], out var id)
                ? await turn.Db.Meetings.SingleOrDefaultAsync(m => m.Id == id, ct)
                : null;
            return meeting is null || meeting.GroupId != groupId
                ? (null, turn.T("Picker.NotYourGroup"))
                : (new Picked(meeting.Id, meeting.Date), null);
        }

        var today = turn.Clock.Today;
        if (!DateParser.TryParse(answer.Text, today, DateLean.Past, out var date))
        {
            return (null, turn.T("Picker.DateRetry"));
        }

        if (date > today)
        {
            return (null, turn.T("Picker.Future"));
        }

        var row = await turn.Db.Meetings.SingleOrDefaultAsync(m => m.GroupId == groupId && m.Date == date, ct);
        if (row is { Status: not MeetingStatus.Cancelled })
        {
            return (new Picked(row.Id, date), null);
        }

        // No meeting that day: fine if it is the group's meeting day, otherwise ask (a typo, or "minggu" meant as a week).
        var meetingDay = await turn.Db.Groups.Where(g => g.Id == groupId).Select(g => g.MeetingDay).SingleAsync(ct);
        return (new Picked(null, date, Unusual: date.DayOfWeek != meetingDay), null);
    }

    /// <summary>The meeting row for a picked date, created (as held) when the bot had no record of it.</summary>
    public static async Task<Meeting> MaterializeAsync(Turn turn, long groupId, Picked picked, CancellationToken ct)
    {
        if (picked.MeetingId is { } id)
        {
            return await turn.Db.Meetings.SingleAsync(m => m.Id == id, ct);
        }

        var existing = await turn.Db.Meetings.SingleOrDefaultAsync(m => m.GroupId == groupId && m.Date == picked.Date, ct);
        if (existing is not null)
        {
            existing.HoldAsReported();
            return existing;
        }

        var group = await turn.Db.Groups.SingleAsync(g => g.Id == groupId, ct);
        var meeting = Meeting.Plan(groupId, picked.Date, group.MeetingTime, turn.Clock.UtcNow);
        meeting.Hold();
        turn.Db.Meetings.Add(meeting);
        await turn.Db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>"Jum, 4 Des": short enough for a button on every channel.</summary>
    public static string ShortDate(Turn turn, DateOnly date) =>
        date.ToString("ddd, d MMM", Texts.Culture(turn.Language));

    private static Task<List<Meeting>> RecentAsync(Turn turn, long groupId, CancellationToken ct)
    {
        var today = turn.Clock.Today;
        return turn.Db.Meetings
            .Where(m => m.GroupId == groupId && m.Date <= today && (m.Status == MeetingStatus.Held || m.Attendance.Any()))
            .OrderByDescending(m => m.Date)
            .Take(Shown)
            .ToListAsync(ct);
    }
}
