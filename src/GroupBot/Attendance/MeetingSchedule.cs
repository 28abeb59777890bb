using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Attendance;

/// <summary>
/// When a group meets. A group meets on its weekly day and time; a meeting row for a date
/// overrides that (a leader started one, or it was cancelled). Attendance can be reported from
/// 2 hours before the start until 24 hours after it.
/// </summary>
public sealed class MeetingSchedule(LocalClock clock)
{
    public static readonly TimeSpan OpensBefore = TimeSpan.FromHours(2);
    public static readonly TimeSpan ClosesAfter = TimeSpan.FromHours(24);

    public sealed record Occurrence(Group Group, DateOnly Date, TimeOnly Start, Meeting? Row, DateTime StartUtc);

    /// <summary>The meeting whose attendance window contains now, if any (the latest one).</summary>
    public async Task<Occurrence?> OpenAsync(GroupBotDb db, Group group, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        // Yesterday's meeting is open for 24 h after it started; tomorrow's (just after midnight) opens 2 h before.
        var rows = await RowsAsync(db, group, today.AddDays(-1), today.AddDays(1), ct);
        Occurrence? open = null;
        foreach (var date in new[] { today.AddDays(-1), today, today.AddDays(1) })
        {
            if (At(group, date, rows) is { } o && now >= o.StartUtc - OpensBefore && now <= o.StartUtc + ClosesAfter)
            {
                open = o;
            }
        }

        return open;
    }

    /// <summary>The next meeting that has not started yet (within the coming weeks).</summary>
    public async Task<Occurrence?> NextAsync(GroupBotDb db, Group group, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var rows = await RowsAsync(db, group, today, today.AddDays(35), ct);
        for (var date = today; date <= today.AddDays(35); date = date.AddDays(1))
        {
            if (At(group, date, rows) is { } o && o.StartUtc > now)
            {
                return o;
            }
        }

        return null;
    }

    /// <summary>The meeting on a date, if there is one (weekly, or a row that is not cancelled).</summary>
    public async Task<Occurrence?> OnAsync(GroupBotDb db, Group group, DateOnly date, CancellationToken ct) =>
        At(group, date, await RowsAsync(db, group, date, date, ct));

    private Occurrence? At(Group group, DateOnly date, IReadOnlyList<Meeting> rows)
    {
        var row = rows.FirstOrDefault(r => r.Date == date);
        if (row is not null)
        {
            return row.Status == MeetingStatus.Cancelled ? null : new Occurrence(group, date, row.StartTime, row, clock.ToUtc(date, row.StartTime));
        }

        return date.DayOfWeek == group.MeetingDay
            ? new Occurrence(group, date, group.MeetingTime, null, clock.ToUtc(date, group.MeetingTime))
            : null;
    }

    private static Task<List<Meeting>> RowsAsync(GroupBotDb db, Group group, DateOnly from, DateOnly to, CancellationToken ct) =>
        db.Meetings.Where(m => m.GroupId == group.Id && m.Date >= from && m.Date <= to).ToListAsync(ct);

    /// <summary>The meeting row for an occurrence, created when first needed.</summary>
    public static Meeting Materialize(GroupBotDb db, Occurrence o, DateTime nowUtc)
    {
        if (o.Row is not null)
        {
            return o.Row;
        }

        var meeting = Meeting.Plan(o.Group.Id, o.Date, o.Start, nowUtc);
        db.Meetings.Add(meeting);
        return meeting;
    }
}
