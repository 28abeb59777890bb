using GroupBot.People;

namespace GroupBot.Tests.People;

/// <summary>A group's lifecycle on a plain object: retiring it, pausing its reminders, starting a savings cycle.</summary>
public sealed class GroupLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);

    private static Group Melati() => new() { Name = "Melati", MeetingDay = DayOfWeek.Friday, MeetingTime = new TimeOnly(14, 0) };

    private static Group Retired()
    {
        var group = Melati();
        group.Retire(Now);
        return group;
    }

    [Fact]
    public void Retiring_a_group_records_when()
    {
        var group = Melati();

        group.Retire(Now);

        Assert.Equal(Now, group.DeletedUtc);
    }

    [Fact]
    public void Retiring_a_retired_group_is_refused()
    {
        var group = Retired();

        var refused = Assert.Throws<InvalidOperationException>(() => group.Retire(Now.AddDays(1)));

        Assert.Contains("from Retired to Retired", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Now, group.DeletedUtc);
    }

    [Fact]
    public void Reminders_pause_and_resume_and_a_repeat_is_harmless()
    {
        var group = Melati();

        group.PauseReminders();
        group.PauseReminders();
        Assert.True(group.RemindersPaused);

        group.ResumeReminders();
        group.ResumeReminders();
        Assert.False(group.RemindersPaused);
    }

    [Fact]
    public void A_retired_groups_reminders_cannot_be_paused_or_resumed()
    {
        var group = Retired();

        Assert.Contains("from Retired to RemindersPaused", Assert.Throws<InvalidOperationException>(group.PauseReminders).Message, StringComparison.Ordinal);
        Assert.Contains("from Retired to RemindersOn", Assert.Throws<InvalidOperationException>(group.ResumeReminders).Message, StringComparison.Ordinal);
        Assert.False(group.RemindersPaused);
    }

    [Fact]
    public void A_savings_cycle_starts_on_a_date_and_can_be_set_again()
    {
        var group = Melati();

        group.StartCycle(new DateOnly(2026, 1, 1));
        group.StartCycle(new DateOnly(2026, 7, 1));

        Assert.Equal(new DateOnly(2026, 7, 1), group.CycleStart);
    }

    [Fact]
    public void A_retired_group_starts_no_cycle()
    {
        var group = Retired();

        Assert.Throws<InvalidOperationException>(() => group.StartCycle(new DateOnly(2026, 1, 1)));
        Assert.Null(group.CycleStart);
    }
}
