using GroupBot.Attendance;

namespace GroupBot.Tests.Attendance;

/// <summary>A meeting's status on a plain object: what each transition allows, and what it refuses.</summary>
public sealed class MeetingLifecycleTests
{
    private static readonly DateOnly Friday = new(2026, 12, 11);
    private static readonly TimeOnly Two = new(14, 0);

    private static Meeting Planned() => Meeting.Plan(groupId: 7, Friday, Two, new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc));

    private static Meeting Skipped()
    {
        var meeting = Planned();
        meeting.Skip();
        return meeting;
    }

    private static Meeting Held()
    {
        var meeting = Planned();
        meeting.Hold();
        return meeting;
    }

    [Fact]
    public void A_planned_meeting_is_scheduled_for_its_group_date_and_time()
    {
        var meeting = Planned();

        Assert.Equal((7L, Friday, Two, MeetingStatus.Scheduled), (meeting.GroupId, meeting.Date, meeting.StartTime, meeting.Status));
        Assert.Equal(new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc), meeting.CreatedUtc);
    }

    [Fact]
    public void Attendance_holds_a_scheduled_meeting()
    {
        var meeting = Planned();

        meeting.Hold();

        Assert.Equal(MeetingStatus.Held, meeting.Status);
    }

    [Fact]
    public void Holding_a_held_meeting_again_changes_nothing()
    {
        var meeting = Held();

        meeting.Hold();

        Assert.Equal((MeetingStatus.Held, Two), (meeting.Status, meeting.StartTime));
    }

    [Fact]
    public void Attendance_for_a_skipped_meeting_is_refused()
    {
        var meeting = Skipped();

        var refused = Assert.Throws<InvalidOperationException>(meeting.Hold);

        Assert.Contains("from Cancelled to Held", refused.Message, StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Cancelled, meeting.Status);
    }

    [Fact]
    public void A_report_for_a_skipped_meeting_says_it_took_place_after_all()
    {
        var meeting = Skipped();

        meeting.HoldAsReported();

        Assert.Equal(MeetingStatus.Held, meeting.Status);
    }

    [Fact]
    public void Skipping_a_scheduled_meeting_calls_it_off()
    {
        var meeting = Planned();

        meeting.Skip();

        Assert.Equal(MeetingStatus.Cancelled, meeting.Status);
    }

    [Fact]
    public void A_meeting_members_reported_for_early_can_still_be_called_off()
    {
        var meeting = Held();

        meeting.Skip();

        Assert.Equal(MeetingStatus.Cancelled, meeting.Status);
    }

    [Fact]
    public void Skipping_a_skipped_meeting_is_refused()
    {
        var meeting = Skipped();

        var refused = Assert.Throws<InvalidOperationException>(meeting.Skip);

        Assert.Contains("from Cancelled to Cancelled", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rescheduling_a_skipped_meeting_puts_it_back_on_at_the_new_time()
    {
        var meeting = Skipped();

        meeting.Reschedule(new TimeOnly(16, 30));

        Assert.Equal((MeetingStatus.Scheduled, new TimeOnly(16, 30)), (meeting.Status, meeting.StartTime));
    }

    [Fact]
    public void Rescheduling_a_scheduled_meeting_moves_its_time()
    {
        var meeting = Planned();

        meeting.Reschedule(new TimeOnly(9, 0));

        Assert.Equal((MeetingStatus.Scheduled, new TimeOnly(9, 0)), (meeting.Status, meeting.StartTime));
    }

    [Fact]
    public void Rescheduling_a_held_meeting_is_refused()
    {
        var meeting = Held();

        var refused = Assert.Throws<InvalidOperationException>(() => meeting.Reschedule(new TimeOnly(16, 0)));

        Assert.Contains("from Held to Scheduled", refused.Message, StringComparison.Ordinal);
        Assert.Equal((MeetingStatus.Held, Two), (meeting.Status, meeting.StartTime));
    }

    [Fact]
    public void Opening_a_skipped_meeting_puts_it_on_from_now()
    {
        var meeting = Skipped();

        meeting.Open(new TimeOnly(10, 15));

        Assert.Equal((MeetingStatus.Scheduled, new TimeOnly(10, 15)), (meeting.Status, meeting.StartTime));
    }

    [Fact]
    public void Opening_a_meeting_due_later_starts_it_now()
    {
        var meeting = Held();

        meeting.Open(new TimeOnly(13, 0));

        Assert.Equal((MeetingStatus.Held, new TimeOnly(13, 0)), (meeting.Status, meeting.StartTime));
    }

    [Fact]
    public void Opening_a_meeting_that_already_started_keeps_its_start()
    {
        var meeting = Planned();

        meeting.Open(new TimeOnly(15, 0));

        Assert.Equal((MeetingStatus.Scheduled, Two), (meeting.Status, meeting.StartTime));
    }
}
