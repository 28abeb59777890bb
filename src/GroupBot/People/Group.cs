namespace GroupBot.People;

public enum GroupKind
{
    SavingsLoan = 0,
    Religious = 1,
    Business = 2,
    Other = 3,
}

/// <summary>A women's group that meets weekly on a fixed day and time (local time of the deployment).</summary>
public sealed class Group
{
    public long Id { get; set; }
    public long VillageId { get; set; }
    public Village? Village { get; set; }
    public required string Name { get; set; }
    public GroupKind Kind { get; set; }
    public DayOfWeek MeetingDay { get; set; }
    public TimeOnly MeetingTime { get; set; }
    public string? Venue { get; set; }

    /// <summary>Telegram group chat linked to this group, if any.</summary>
    public long? TelegramChatId { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Start of the savings cycle ("siklus"), for cumulative savings; null means since the first report.</summary>
    public DateOnly? CycleStart { get; set; }

    /// <summary>"pengingat jeda": no meeting reminders until "pengingat lanjut".</summary>
    public bool RemindersPaused { get; set; }

    /// <summary>Groups are never hard-deleted: their records stay for the NGO's history.</summary>
    public DateTime? DeletedUtc { get; set; }

    public List<Membership> Memberships { get; } = [];
}

public enum MemberRole
{
    Member = 0,
    Leader = 1,
    Treasurer = 2,
    Secretary = 3,
}

public sealed class Membership
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public long GroupId { get; set; }
    public Group? Group { get; set; }
    public MemberRole Role { get; set; }
    public DateTime JoinedUtc { get; set; }

    public bool IsOfficer => Role is MemberRole.Leader or MemberRole.Treasurer or MemberRole.Secretary;
}
