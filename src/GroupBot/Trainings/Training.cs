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

/// <summary>A training for group leaders, over one or more days (e.g. 26–28 Juli), at a venue.</summary>
public sealed class Training
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public TimeOnly StartTime { get; set; }
    public required string Venue { get; set; }
    public TrainingAudience Audience { get; set; }

    /// <summary>Village or group ids for the Villages/Groups audiences, comma-separated.</summary>
    public string AudienceIds { get; set; } = string.Empty;

    public TrainingStatus Status { get; set; }
    public long CreatedByPersonId { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Bumped when the training moves: reminder delivery keys carry it, so a moved training reminds again.</summary>
    public int ScheduleVersion { get; set; } = 1;

    public List<Invitation> Invitations { get; } = [];
}

public enum Rsvp
{
    None = 0,
    Yes = 1,
    No = 2,
    Maybe = 3,
}

public sealed class Invitation
{
    public long Id { get; set; }
    public long TrainingId { get; set; }
    public Training? Training { get; set; }
    public long PersonId { get; set; }
    public People.Person? Person { get; set; }

    /// <summary>The group she was invited for (shown in the facilitator's RSVP list).</summary>
    public long GroupId { get; set; }

    public Rsvp Rsvp { get; set; }
    public DateTime? RsvpUtc { get; set; }
}
