using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Attendance;

/// <summary>"hadir", "izin", "sakit": a member reports her own attendance for today's meeting.</summary>
public abstract class SelfReportCommand(MeetingSchedule schedule) : ICommand
{
    public abstract CommandInfo Info { get; }
    protected abstract AttendanceStatus Status { get; }

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var person = turn.Caller.Person!;
        var groups = turn.Caller.Memberships.Select(m => m.Group!).ToList();
        if (turn.Message.IsGroupChat)
        {
            // In a group's own chat, "/hadir" is for that group only.
            var linked = await GroupRefs.LinkedGroupAsync(turn, ct);
            if (linked is null)
            {
                turn.Say(turn.T("Link.NotLinked"));
                return;
            }

            groups = [.. groups.Where(g => g.Id == linked.Id)];
            if (groups.Count == 0)
            {
                turn.Say(turn.T("Link.NotAMember", linked.Name));
                return;
            }
        }

        var open = new List<MeetingSchedule.Occurrence>();
        foreach (var g in groups)
        {
            if (await schedule.OpenAsync(turn.Db, g, ct) is { } o)
            {
                open.Add(o);
            }
        }

        if (open.Count == 0)
        {
            await SayNextMeetingAsync(turn, groups, ct);
            return;
        }

        // Her own groups with a meeting open now, not the ones she leads: GroupRefs.FindAsync does not fit.
        var group = GroupRefs.Resolve(turn, args, [.. open.Select(o => o.Group)], Info.Words[0], out _);
        if (group is null)
        {
            return;
        }

        var occurrence = open.Single(o => o.Group.Id == group.Id);
        await RecordAsync(turn, occurrence, person.Id, ct);
    }

    private async Task RecordAsync(Turn turn, MeetingSchedule.Occurrence occurrence, long personId, CancellationToken ct)
    {
        var db = turn.Db;
        var now = turn.Clock.UtcNow;
        var meeting = MeetingSchedule.Materialize(db, occurrence, now);
        var existing = meeting.Id == 0 ? null : await db.Attendance.SingleOrDefaultAsync(a => a.MeetingId == meeting.Id && a.PersonId == personId, ct);
        var statusText = turn.T($"Status.{Status}");
        if (existing is not null && existing.Method == AttendanceMethod.RollCall)
        {
            // The leader's roll call is the record of the meeting; a self-report does not override it.
            turn.Say(turn.T("Attendance.SetByRollCall", turn.T($"Status.{existing.Status}")));
            return;
        }

        if (existing is not null && existing.Status == Status)
        {
            turn.Say(turn.T("Attendance.Already", statusText, await CountLineAsync(turn, meeting, occurrence.Group, ct)));
            return;
        }

        if (existing is null)
        {
            meeting.Attendance.Add(AttendanceRecord.SelfReported(personId, Status, now));
        }
        else
        {
            existing.ChangeBySelf(Status, now);
        }

        meeting.Hold();
        await db.SaveChangesAsync(ct);
        turn.Audit(existing is null ? "attendance" : "attendance-change", "meeting", meeting.Id, $"person {personId}: {Status}");
        turn.Say(turn.T(existing is null ? "Attendance.Recorded" : "Attendance.Changed",
            statusText, occurrence.Group.Name, await CountLineAsync(turn, meeting, occurrence.Group, ct)));
    }

    /// <summary>"12 dari 20 anggota hadir".</summary>
    public static async Task<string> CountLineAsync(Turn turn, Meeting meeting, Group group, CancellationToken ct)
    {
        var members = await turn.Db.Memberships.CountAsync(m => m.GroupId == group.Id, ct);
        var present = await turn.Db.Attendance.CountAsync(a => a.MeetingId == meeting.Id && a.Status == AttendanceStatus.Present, ct);
        return turn.T("Attendance.Count", present, members);
    }

    private async Task SayNextMeetingAsync(Turn turn, IReadOnlyList<Group> groups, CancellationToken ct)
    {
        MeetingSchedule.Occurrence? next = null;
        foreach (var g in groups)
        {
            if (await schedule.NextAsync(turn.Db, g, ct) is { } o && (next is null || o.StartUtc < next.StartUtc))
            {
                next = o;
            }
        }

        if (next is null)
        {
            turn.Say(turn.T("Attendance.NoMeeting"));
            return;
        }

        var opens = turn.Clock.ToLocal(next.StartUtc - MeetingSchedule.OpensBefore);
        turn.Say(turn.T(next.Date == turn.Clock.Today ? "Attendance.NotOpenYet" : "Attendance.NoMeetingToday",
            next.Group.Name, Format.Date(turn.Language, next.Date), Format.Time(turn.Language, next.Start),
            Format.Time(turn.Language, TimeOnly.FromDateTime(opens))));
    }
}

public sealed class PresentCommand(MeetingSchedule schedule) : SelfReportCommand(schedule)
{
    public override CommandInfo Info { get; } = new("attendance.present", ["hadir", "present"], Audience.Member, "Menu.Present") { InGroupChat = true };
    protected override AttendanceStatus Status => AttendanceStatus.Present;
}

public sealed class ExcusedCommand(MeetingSchedule schedule) : SelfReportCommand(schedule)
{
    public override CommandInfo Info { get; } = new("attendance.excused", ["izin", "excused"], Audience.Member, null) { InGroupChat = true };
    protected override AttendanceStatus Status => AttendanceStatus.Excused;
}

public sealed class SickCommand(MeetingSchedule schedule) : SelfReportCommand(schedule)
{
    public override CommandInfo Info { get; } = new("attendance.sick", ["sakit", "sick"], Audience.Member, null) { InGroupChat = true };
    protected override AttendanceStatus Status => AttendanceStatus.Sick;
}
