using System.Text;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Attendance;

/// <summary>"pertemuan": when is the next meeting of my group(s).</summary>
public sealed class MeetingCommand(MeetingSchedule schedule) : ICommand
{
    private static readonly TimeSpan OnNowFor = TimeSpan.FromHours(3);

    public CommandInfo Info { get; } = new("meeting", ["pertemuan", "meeting"], Audience.Member, "Menu.Meeting") { InGroupChat = true };

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var sb = new StringBuilder();
        var groups = turn.Caller.Memberships.Select(m => m.Group!).ToList();
        if (turn.Message.IsGroupChat)
        {
            // In a group's chat, only that group: the others are nobody else's business there.
            var linked = await GroupRefs.LinkedGroupAsync(turn, ct);
            groups = [.. groups.Where(g => g.Id == linked?.Id)];
            if (groups.Count == 0)
            {
                turn.Say(turn.T(linked is null ? "Link.NotLinked" : "Link.NotAMember", linked?.Name));
                return;
            }
        }

        foreach (var group in groups)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            // "On now" for the first hours only; attendance stays open for 24 h, but the meeting itself is over.
            if (await schedule.OpenAsync(turn.Db, group, ct) is { } open && open.StartUtc <= turn.Clock.UtcNow && turn.Clock.UtcNow <= open.StartUtc + OnNowFor)
            {
                sb.Append(turn.T("Meeting.Now", group.Name, Format.Time(turn.Language, open.Start)));
                continue;
            }

            var next = await schedule.NextAsync(turn.Db, group, ct);
            sb.Append(next is null
                ? turn.T("Meeting.NoneScheduled", group.Name)
                : turn.T("Meeting.Next", group.Name, Format.Date(turn.Language, next.Date), Format.Time(turn.Language, next.Start), group.Venue ?? "-"));
        }

        var choices = turn.Caller.IsOfficer && !turn.Message.IsGroupChat ? [new Choice("pertemuan mulai", turn.T("Button.StartMeeting"))] : Array.Empty<Choice>();
        turn.Say(sb.ToString(), choices);
    }
}

/// <summary>"pertemuan mulai": an officer opens a meeting now (an extra meeting, or starting early).</summary>
public sealed class StartMeetingCommand : ICommand
{
    public CommandInfo Info { get; } = new("meeting.start", ["pertemuan mulai", "meeting start"], Audience.Officer, "Menu.MeetingStart");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "pertemuan mulai", ct) is not { Group: var group })
        {
            return;
        }

        var meeting = await OpenTodayAsync(turn, group, ct);
        await turn.Db.SaveChangesAsync(ct);
        turn.Audit("start", "meeting", meeting.Id, $"group {group.Id}");
        turn.Say(turn.T("Meeting.Started", group.Name, Format.Time(turn.Language, meeting.StartTime)),
            [new Choice($"absen #{group.Id}", turn.T("Button.RollCall"))]);
    }

    /// <summary>
    /// Today's meeting of the group, opened now: a cancelled or later-starting meeting today is moved
    /// to now, and a day without one gets an extra meeting.
    /// </summary>
    public static async Task<Meeting> OpenTodayAsync(Turn turn, Group group, CancellationToken ct)
    {
        var today = turn.Clock.Today;
        var now = TimeOnly.FromDateTime(turn.Clock.LocalNow);
        now = new TimeOnly(now.Hour, now.Minute);
        var meeting = await turn.Db.Meetings.SingleOrDefaultAsync(m => m.GroupId == group.Id && m.Date == today, ct);
        if (meeting is null)
        {
            var start = today.DayOfWeek == group.MeetingDay && group.MeetingTime <= now ? group.MeetingTime : now;
            meeting = Meeting.Plan(group.Id, today, start, turn.Clock.UtcNow);
            turn.Db.Meetings.Add(meeting);
            return meeting;
        }

        meeting.Open(now);
        return meeting;
    }
}
