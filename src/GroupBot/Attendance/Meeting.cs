using GroupBot.People;

namespace GroupBot.Attendance;

public enum MeetingStatus
{
    Scheduled = 0,
    Held = 1,
    Cancelled = 2,
}

/// <summary>One meeting of a group on a local date. Created when attendance is first recorded or a leader starts it.</summary>
public sealed class Meeting
{
    public long Id { get; set; }
    public long GroupId { get; set; }
    public Group? Group { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public MeetingStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<AttendanceRecord> Attendance { get; } = [];
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

public sealed class AttendanceRecord
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public long PersonId { get; set; }
    public AttendanceStatus Status { get; set; }
    public AttendanceMethod Method { get; set; }
    public long RecordedByPersonId { get; set; }
    public DateTime RecordedUtc { get; set; }
}
