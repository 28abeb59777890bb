using GroupBot.Attendance;

namespace GroupBot.Tests.Attendance;

/// <summary>One person's attendance on a plain object: her own report, and a leader's roll call that then stands.</summary>
public sealed class AttendanceRecordLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void She_can_change_her_own_report()
    {
        var record = AttendanceRecord.SelfReported(personId: 5, AttendanceStatus.Present, Now);

        record.ChangeBySelf(AttendanceStatus.Sick, Now.AddMinutes(10));

        Assert.Equal((AttendanceStatus.Sick, AttendanceMethod.SelfReport, 5L, Now.AddMinutes(10)), (record.Status, record.Method, record.RecordedByPersonId, record.RecordedUtc));
    }

    [Fact]
    public void Her_own_report_does_not_override_the_roll_call()
    {
        var record = AttendanceRecord.RollCalled(personId: 5, AttendanceStatus.Absent, byPersonId: 9, Now);

        var refused = Assert.Throws<InvalidOperationException>(() => record.ChangeBySelf(AttendanceStatus.Present, Now.AddMinutes(10)));

        Assert.Contains("from Absent by RollCall to Present by SelfReport", refused.Message, StringComparison.Ordinal);
        Assert.Equal((AttendanceStatus.Absent, AttendanceMethod.RollCall, Now), (record.Status, record.Method, record.RecordedUtc));
    }

    [Fact]
    public void A_roll_call_marks_over_her_own_report_and_says_it_changed_something()
    {
        var record = AttendanceRecord.SelfReported(personId: 5, AttendanceStatus.Present, Now);

        var changed = record.MarkInRollCall(AttendanceStatus.Present, byPersonId: 9, Now.AddHours(1));

        Assert.True(changed);
        Assert.Equal((AttendanceStatus.Present, AttendanceMethod.RollCall, 9L, Now.AddHours(1)), (record.Status, record.Method, record.RecordedByPersonId, record.RecordedUtc));
    }

    [Fact]
    public void The_same_mark_in_a_second_roll_call_changes_nothing()
    {
        var record = AttendanceRecord.RollCalled(personId: 5, AttendanceStatus.Excused, byPersonId: 9, Now);

        Assert.False(record.MarkInRollCall(AttendanceStatus.Excused, byPersonId: 9, Now.AddHours(1)));
        Assert.True(record.MarkInRollCall(AttendanceStatus.Sick, byPersonId: 9, Now.AddHours(2)));
        Assert.Equal(AttendanceStatus.Sick, record.Status);
    }
}
