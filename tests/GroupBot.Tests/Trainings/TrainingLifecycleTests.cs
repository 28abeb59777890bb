using GroupBot.Trainings;

namespace GroupBot.Tests.Trainings;

/// <summary>A training and its invitations on plain objects: moving, cancelling and answering, allowed and refused.</summary>
public sealed class TrainingLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);

    private static Training Planned()
    {
        var training = Training.Plan("Pengelolaan kas", new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 15), new TimeOnly(9, 0), "Balai Nagari",
            TrainingAudience.AllOfficers, string.Empty, createdByPersonId: 3, Now);
        training.Invite(personId: 11, groupId: 1);
        training.Invite(personId: 12, groupId: 2);
        return training;
    }

    [Fact]
    public void A_planned_training_is_scheduled_at_schedule_version_1_with_nobody_answered()
    {
        var training = Planned();

        Assert.Equal((TrainingStatus.Scheduled, 1), (training.Status, training.ScheduleVersion));
        Assert.Equal([(11L, 1L, Rsvp.None), (12L, 2L, Rsvp.None)], training.Invitations.Select(i => (i.PersonId, i.GroupId, i.Rsvp)));
    }

    [Fact]
    public void Moving_a_training_asks_everyone_again_under_a_new_schedule_version()
    {
        var training = Planned();
        training.Invitations[0].Answer(Rsvp.Yes, Now);
        training.Invitations[1].Answer(Rsvp.No, Now);

        training.Move(new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 21), new TimeOnly(13, 0));

        Assert.Equal((new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 21), new TimeOnly(13, 0)), (training.StartDate, training.EndDate, training.StartTime));
        Assert.Equal((TrainingStatus.Scheduled, 2), (training.Status, training.ScheduleVersion));
        Assert.All(training.Invitations, i => Assert.Equal((Rsvp.None, (DateTime?)null), (i.Rsvp, i.RsvpUtc)));
    }

    [Fact]
    public void Moving_a_cancelled_training_is_refused()
    {
        var training = Planned();
        training.Cancel();

        var refused = Assert.Throws<InvalidOperationException>(() => training.Move(new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 21), new TimeOnly(13, 0)));

        Assert.Contains("from Cancelled to Scheduled", refused.Message, StringComparison.Ordinal);
        Assert.Equal((new DateOnly(2026, 12, 14), 2), (training.StartDate, training.ScheduleVersion));
    }

    [Fact]
    public void Cancelling_a_training_outdates_its_reminders()
    {
        var training = Planned();

        training.Cancel();

        Assert.Equal((TrainingStatus.Cancelled, 2), (training.Status, training.ScheduleVersion));
    }

    [Fact]
    public void Cancelling_a_cancelled_training_is_refused()
    {
        var training = Planned();
        training.Cancel();

        var refused = Assert.Throws<InvalidOperationException>(training.Cancel);

        Assert.Contains("from Cancelled to Cancelled", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, training.ScheduleVersion);
    }

    [Fact]
    public void An_answer_is_recorded_with_its_time_and_may_change()
    {
        var invitation = Planned().Invitations[0];

        invitation.Answer(Rsvp.Maybe, Now);
        invitation.Answer(Rsvp.Yes, Now.AddHours(1));

        Assert.Equal((Rsvp.Yes, (DateTime?)Now.AddHours(1)), (invitation.Rsvp, invitation.RsvpUtc));
    }

    [Fact]
    public void Answering_an_invitation_to_a_cancelled_training_is_refused()
    {
        var training = Planned();
        var invitation = training.Invitations[0];
        invitation.Answer(Rsvp.Maybe, Now);
        training.Cancel();

        var refused = Assert.Throws<InvalidOperationException>(() => invitation.Answer(Rsvp.Yes, Now.AddHours(1)));

        Assert.Contains("(Cancelled) cannot go from Maybe to Yes", refused.Message, StringComparison.Ordinal);
        Assert.Equal((Rsvp.Maybe, (DateTime?)Now), (invitation.Rsvp, invitation.RsvpUtc));
    }

    [Fact]
    public void No_answer_is_not_an_answer()
    {
        var invitation = Planned().Invitations[0];

        Assert.Throws<ArgumentOutOfRangeException>(() => invitation.Answer(Rsvp.None, Now));
        Assert.Null(invitation.RsvpUtc);
    }
}
