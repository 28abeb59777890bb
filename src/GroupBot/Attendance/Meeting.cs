using GroupBot.People;

namespace GroupBot.Attendance;

public enum MeetingStatus
{
    Scheduled = 0,
    Held = 1,
    Cancelled = 2,
}

/// <summary>
/// One meeting of a group on a local date. A row exists once the meeting needs one: attendance was
/// first recorded, a leader opened or skipped it, it was added as an extra meeting, or a report or
/// minutes came in for its date. Its status changes only through the methods below, each checking
/// the current status first.
/// </summary>
public sealed class Meeting
{
    private Meeting()
    {
    }

    public long Id { get; private set; }
    public long GroupId { get; private set; }
    public Group? Group { get; private set; }
    public DateOnly Date { get; private set; }
    public TimeOnly StartTime { get; private set; }
    public MeetingStatus Status { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public List<AttendanceRecord> Attendance { get; } = [];

    /// <summary>A meeting planned for <paramref name="date"/> at <paramref name="start"/> (the group's weekly one, or an extra one).</summary>
    public static Meeting Plan(long groupId, DateOnly date, TimeOnly start, DateTime createdUtc) => new()
    {
        GroupId = groupId,
        Date = date,
        StartTime = start,
        Status = MeetingStatus.Scheduled,
        CreatedUtc = createdUtc,
    };

    /// <summary>It took place: attendance was recorded, or a roll call. Held again is harmless.</summary>
    /// <exception cref="InvalidOperationException">It was called off; <see cref="HoldAsReported"/> is for a report that says otherwise.</exception>
    public void Hold()
    {
        Require(nameof(Hold), MeetingStatus.Held, MeetingStatus.Scheduled, MeetingStatus.Held);
        Status = MeetingStatus.Held;
    }

    /// <summary>
    /// A report or minutes came in for its date: it took place, even if it had been called off
    /// (the group met after all; the leader's record is what happened).
    /// </summary>
    public void HoldAsReported() => Status = MeetingStatus.Held;

    /// <summary>
    /// "pertemuan libur": called off (a holiday). A meeting members already reported for (attendance
    /// opens 2 hours before the start) can still be called off.
    /// </summary>
    /// <exception cref="InvalidOperationException">It was called off already.</exception>
    public void Skip()
    {
        Require(nameof(Skip), MeetingStatus.Cancelled, MeetingStatus.Scheduled, MeetingStatus.Held);
        Status = MeetingStatus.Cancelled;
    }

    /// <summary>"pertemuan tambah" on its date: on again (if it was called off), at <paramref name="start"/>.</summary>
    /// <exception cref="InvalidOperationException">It has taken place: its time is history.</exception>
    public void Reschedule(TimeOnly start)
    {
        Require(nameof(Reschedule), MeetingStatus.Scheduled, MeetingStatus.Scheduled, MeetingStatus.Cancelled);
        Status = MeetingStatus.Scheduled;
        StartTime = start;
    }

    /// <summary>
    /// "pertemuan mulai": a leader opens it at <paramref name="now"/>. One called off is on again from
    /// now; one due later starts now; one that started earlier keeps its start.
    /// </summary>
    public void Open(TimeOnly now)
    {
        if (Status == MeetingStatus.Cancelled)
        {
            Status = MeetingStatus.Scheduled;
            StartTime = now;
        }
        else if (StartTime > now)
        {
            StartTime = now;
        }
    }

    private void Require(string transition, MeetingStatus to, params MeetingStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new InvalidOperationException($"Meeting {Id} of group {GroupId} on {Date:yyyy-MM-dd} cannot go from {Status} to {to} ({transition}).");
        }
    }
}

public enum AttendanceStatus
{
    Present = 0,
    Excused = 1,
    Sick = 2,
    Absent = 3,
}

public enum AttendanceMethod
{
    SelfReport = 0,
    RollCall = 1,
}

/// <summary>
/// One person's attendance at a meeting: her own report ("hadir", "izin", "sakit"), or a mark in a
/// leader's roll call, which then stands.
/// </summary>
public sealed class AttendanceRecord
{
    private AttendanceRecord()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public Meeting? Meeting { get; private set; }
    public long PersonId { get; private set; }
    public AttendanceStatus Status { get; private set; }
    public AttendanceMethod Method { get; private set; }
    public long RecordedByPersonId { get; private set; }
    public DateTime RecordedUtc { get; private set; }

    public static AttendanceRecord SelfReported(long personId, AttendanceStatus status, DateTime nowUtc) =>
        new() { PersonId = personId, Status = status, Method = AttendanceMethod.SelfReport, RecordedByPersonId = personId, RecordedUtc = nowUtc };

    public static AttendanceRecord RollCalled(long personId, AttendanceStatus status, long byPersonId, DateTime nowUtc) =>
        new() { PersonId = personId, Status = status, Method = AttendanceMethod.RollCall, RecordedByPersonId = byPersonId, RecordedUtc = nowUtc };

    /// <summary>She changes what she reported ("izin" after "hadir").</summary>
    /// <exception cref="InvalidOperationException">A roll call marked her: the leader's roll call is the record of the meeting.</exception>
    public void ChangeBySelf(AttendanceStatus status, DateTime nowUtc)
    {
        if (Method == AttendanceMethod.RollCall)
        {
            throw new InvalidOperationException($"Attendance {Id} of person {PersonId} cannot go from {Status} by {Method} to {status} by {AttendanceMethod.SelfReport}.");
        }

        Status = status;
        RecordedUtc = nowUtc;
    }

    /// <summary>A roll call marks her, over whatever she reported herself.</summary>
    /// <returns>Whether the record changed (another status, or it was her own report).</returns>
    public bool MarkInRollCall(AttendanceStatus status, long byPersonId, DateTime nowUtc)
    {
        var changed = Status != status || Method != AttendanceMethod.RollCall;
        Status = status;
        Method = AttendanceMethod.RollCall;
        RecordedByPersonId = byPersonId;
        RecordedUtc = nowUtc;
        return changed;
    }
}
