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
    public DateOnly? CycleStart { get; private set; }

    /// <summary>"pengingat jeda": no meeting reminders until "pengingat lanjut".</summary>
    public bool RemindersPaused { get; private set; }

    /// <summary>Groups are never hard-deleted: their records stay for the NGO's history.</summary>
    public DateTime? DeletedUtc { get; private set; }

    public List<Membership> Memberships { get; } = [];

    /// <summary>"kelompok hapus": retired. Its records stay; its codes and reminders stop.</summary>
    /// <exception cref="InvalidOperationException">It was retired already.</exception>
    public void Retire(DateTime nowUtc)
    {
        RequireActive("Retired");
        DeletedUtc = nowUtc;
    }

    /// <summary>"pengingat jeda": pausing paused reminders again is harmless.</summary>
    public void PauseReminders()
    {
        RequireActive("RemindersPaused");
        RemindersPaused = true;
    }

    /// <summary>"pengingat lanjut": resuming running reminders again is harmless.</summary>
    public void ResumeReminders()
    {
        RequireActive("RemindersOn");
        RemindersPaused = false;
    }

    /// <summary>"siklus": cumulative savings count from <paramref name="date"/>.</summary>
    public void StartCycle(DateOnly date)
    {
        RequireActive("CycleStarted");
        CycleStart = date;
    }

    private void RequireActive(string to)
    {
        if (DeletedUtc is not null)
        {
            throw new InvalidOperationException($"Group {Id} cannot go from Retired to {to}.");
        }
    }
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
