using GroupBot.People;

namespace GroupBot.Planning;

/// <summary>The events of a village's yearly planning rhythm (Permendagri 114/2014, and the nagari's own).</summary>
public enum PlanningEventKind
{
    /// <summary>Musyawarah jorong/dusun: the first round, per hamlet.</summary>
    HamletMeeting = 0,

    /// <summary>Rembuk perempuan: the women's pre-forum, where groups agree on proposals and delegates.</summary>
    WomensForum = 1,

    /// <summary>Musyawarah Nagari/Desa on planning (by June).</summary>
    VillageDeliberation = 2,

    /// <summary>Musrenbang Nagari/Desa (August–September): the draft RKP and the DU-RKP.</summary>
    VillagePlanning = 3,

    /// <summary>Musrenbang Kecamatan (January–February): the DU-RKP items passed up.</summary>
    DistrictPlanning = 4,

    /// <summary>Penetapan APBNagari: the budget set with the BPRN, by 31 December.</summary>
    BudgetSetting = 5,

    Other = 6,
}

/// <summary>
/// One planning event of a village on a local date. Never deleted: a cancelled event stays, so
/// what was discussed at it and who went remain readable.
/// </summary>
public sealed class PlanningEvent
{
    public const int MaxTitleLength = 100;
    public const int MaxVenueLength = 150;

    private PlanningEvent()
    {
    }

    public long Id { get; private set; }
    public long VillageId { get; private set; }
    public Village? Village { get; private set; }
    public PlanningEventKind Kind { get; private set; }

    /// <summary>A name of its own, for "lainnya" (other) events; null for the kinds with a standard name.</summary>
    public string? Title { get; private set; }

    public DateOnly Date { get; private set; }
    public TimeOnly StartTime { get; private set; }
    public string Venue { get; private set; } = "";
    public long CreatedByPersonId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? CancelledUtc { get; private set; }

    public bool IsCancelled => CancelledUtc is not null;

    /// <summary>Women among the participants, as counted at the event (all groups, not only ours).</summary>
    public int? WomenAttended { get; private set; }

    /// <summary>Participants in all.</summary>
    public int? PeopleAttended { get; private set; }

    public List<EventDelegate> Delegates { get; private set; } = [];

    public static PlanningEvent Schedule(long villageId, PlanningEventKind kind, string? title, DateOnly date, TimeOnly startTime, string venue, long byPersonId, DateTime nowUtc)
    {
        if (kind == PlanningEventKind.Other && string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("An event of kind Other needs a title.", nameof(title));
        }

        return new PlanningEvent
        {
            VillageId = villageId,
            Kind = kind,
            Title = kind == PlanningEventKind.Other ? title : null,
            Date = date,
            StartTime = startTime,
            Venue = venue,
            CreatedByPersonId = byPersonId,
            CreatedUtc = nowUtc,
        };
    }

    /// <summary>A new date and time; a cancelled event cannot be moved (add a new one).</summary>
    public void MoveTo(DateOnly date, TimeOnly startTime)
    {
        EnsureNotCancelled(nameof(MoveTo));
        Date = date;
        StartTime = startTime;
    }

    public void ChangeVenue(string venue)
    {
        EnsureNotCancelled(nameof(ChangeVenue));
        Venue = venue;
    }

    public void Cancel(DateTime nowUtc)
    {
        EnsureNotCancelled(nameof(Cancel));
        CancelledUtc = nowUtc;
    }

    /// <summary>How many came, once it has taken place: women cannot outnumber everyone.</summary>
    public void RecordTurnout(int women, int people, DateOnly today)
    {
        EnsureNotCancelled(nameof(RecordTurnout));
        if (Date > today)
        {
            throw new InvalidOperationException($"Planning event {Id} is on {Date:yyyy-MM-dd}; its turnout can be recorded from that day.");
        }

        if (women < 0 || people < 1 || women > people)
        {
            throw new ArgumentOutOfRangeException(nameof(women), $"{women} women of {people} people");
        }

        WomenAttended = women;
        PeopleAttended = people;
    }

    /// <summary>The group's delegates for this event become exactly these people (chosen again, the list is replaced).</summary>
    public void ChooseDelegates(long groupId, IReadOnlyCollection<long> personIds, DateTime nowUtc)
    {
        EnsureNotCancelled(nameof(ChooseDelegates));
        Delegates.RemoveAll(d => d.GroupId == groupId && !personIds.Contains(d.PersonId));
        foreach (var id in personIds.Where(id => !Delegates.Any(d => d.GroupId == groupId && d.PersonId == id)))
        {
            Delegates.Add(new EventDelegate { GroupId = groupId, PersonId = id, ChosenUtc = nowUtc });
        }
    }

    /// <summary>After the event: who of the group's delegates went.</summary>
    public void RecordAttendance(long groupId, IReadOnlyCollection<long> attendedPersonIds, DateOnly today, DateTime nowUtc)
    {
        EnsureNotCancelled(nameof(RecordAttendance));
        if (Date > today)
        {
            throw new InvalidOperationException($"Planning event {Id} is on {Date:yyyy-MM-dd}; attendance can be recorded from that day.");
        }

        foreach (var d in Delegates.Where(d => d.GroupId == groupId))
        {
            d.Attended = attendedPersonIds.Contains(d.PersonId);
            d.ReportedUtc = nowUtc;
        }
    }

    /// <summary>A delegate answered the day-after questions: she went, and has reported back.</summary>
    public void ReportBack(long personId, DateTime nowUtc)
    {
        foreach (var d in Delegates.Where(d => d.PersonId == personId && d.ReportedUtc is null))
        {
            d.Attended = true;
            d.ReportedUtc = nowUtc;
        }
    }

    private void EnsureNotCancelled(string transition)
    {
        if (IsCancelled)
        {
            throw new InvalidOperationException($"Planning event {Id} is cancelled; {transition} is not allowed.");
        }
    }
}

/// <summary>A member chosen to carry her group's proposals to an event, and whether she went.</summary>
public sealed class EventDelegate
{
    public long EventId { get; set; }
    public long GroupId { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTime ChosenUtc { get; set; }

    /// <summary>Null until someone reports after the event.</summary>
    public bool? Attended { get; set; }

    public DateTime? ReportedUtc { get; set; }
}
