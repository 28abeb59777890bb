namespace GroupBot.Trainings;

public enum TrainingAudience
{
    /// <summary>Every officer (leader, treasurer, secretary) of every group the facilitator follows.</summary>
    AllOfficers = 0,
    LeadersAndTreasurers = 1,
    Villages = 2,
    Groups = 3,
}

public enum TrainingStatus
{
    Scheduled = 0,
    Cancelled = 1,
}

/// <summary>
/// A training for group leaders, over one or more days (e.g. 26–28 Juli), at a venue. Scheduled
/// until cancelled; moving it keeps it scheduled and asks everyone again.
/// </summary>
public sealed class Training
{
    private Training()
    {
    }

    public long Id { get; private set; }
    public string Title { get; private set; } = string.Empty;
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public TimeOnly StartTime { get; private set; }
    public string Venue { get; private set; } = string.Empty;
    public TrainingAudience Audience { get; private set; }

    /// <summary>Village or group ids for the Villages/Groups audiences, comma-separated.</summary>
    public string AudienceIds { get; private set; } = string.Empty;

    public TrainingStatus Status { get; private set; }
    public long CreatedByPersonId { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    /// <summary>Bumped when the training moves or is cancelled: reminder delivery keys carry it, so a moved training reminds again.</summary>
    public int ScheduleVersion { get; private set; } = 1;

    public List<Invitation> Invitations { get; } = [];

    public static Training Plan(string title, DateOnly startDate, DateOnly endDate, TimeOnly startTime, string venue,
        TrainingAudience audience, string audienceIds, long createdByPersonId, DateTime createdUtc) => new()
        {
            Title = title,
            StartDate = startDate,
            EndDate = endDate,
            StartTime = startTime,
            Venue = venue,
            Audience = audience,
            AudienceIds = audienceIds,
            Status = TrainingStatus.Scheduled,
            CreatedByPersonId = createdByPersonId,
            CreatedUtc = createdUtc,
        };

    /// <summary>Invites a person, for the group she is an officer of.</summary>
    public void Invite(long personId, long groupId) => Invitations.Add(new Invitation(this, personId, groupId));

    /// <summary>
    /// New dates and time. Earlier answers no longer hold, so every invitation (loaded with the
    /// training) is asked again, and the new schedule version makes the old reminders do nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">It was cancelled.</exception>
    public void Move(DateOnly startDate, DateOnly endDate, TimeOnly startTime)
    {
        Require(nameof(Move), TrainingStatus.Scheduled);
        foreach (var invitation in Invitations)
        {
            invitation.AskAgain();
        }

        StartDate = startDate;
        EndDate = endDate;
        StartTime = startTime;
        ScheduleVersion++;
    }

    /// <summary>Called off: no more reminders (the new schedule version outdates them), and RSVPs are refused.</summary>
    /// <exception cref="InvalidOperationException">It was cancelled already.</exception>
    public void Cancel()
    {
        Require(nameof(Cancel), TrainingStatus.Cancelled);
        Status = TrainingStatus.Cancelled;
        ScheduleVersion++;
    }

    private void Require(string transition, TrainingStatus to)
    {
        if (Status != TrainingStatus.Scheduled)
        {
            throw new InvalidOperationException($"Training {Id} cannot go from {Status} to {to} ({transition}).");
        }
    }
}

public enum Rsvp
{
    None = 0,
    Yes = 1,
    No = 2,
    Maybe = 3,
}

/// <summary>One person invited to a training, and her answer.</summary>
public sealed class Invitation
{
    private Invitation()
    {
    }

    internal Invitation(Training training, long personId, long groupId)
    {
        Training = training;
        PersonId = personId;
        GroupId = groupId;
    }

    public long Id { get; private set; }
    public long TrainingId { get; private set; }
    public Training? Training { get; private set; }
    public long PersonId { get; private set; }
    public People.Person? Person { get; private set; }

    /// <summary>The group she was invited for (shown in the facilitator's RSVP list).</summary>
    public long GroupId { get; private set; }

    public Rsvp Rsvp { get; private set; }
    public DateTime? RsvpUtc { get; private set; }

    /// <summary>Her answer ("ya", "tidak", "mungkin"); she may change her mind, and the same answer again only renews its time.</summary>
    /// <exception cref="InvalidOperationException">The training (loaded with the invitation) was cancelled.</exception>
    public void Answer(Rsvp answer, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(answer, Rsvp.None);
        if (Training is { Status: not TrainingStatus.Scheduled } training)
        {
            throw new InvalidOperationException($"Invitation {Id} to training {TrainingId} ({training.Status}) cannot go from {Rsvp} to {answer}.");
        }

        Rsvp = answer;
        RsvpUtc = nowUtc;
    }

    /// <summary>The training moved: no answer yet for the new dates.</summary>
    internal void AskAgain()
    {
        Rsvp = Rsvp.None;
        RsvpUtc = null;
    }
}
