using GroupBot.People;

namespace GroupBot.Planning;

/// <summary>The five fields (bidang) of village spending (Permendagri 20/2018).</summary>
public enum ProposalField
{
    /// <summary>Penyelenggaraan Pemerintahan Desa.</summary>
    Government = 1,

    /// <summary>Pelaksanaan Pembangunan Desa.</summary>
    Development = 2,

    /// <summary>Pembinaan Kemasyarakatan.</summary>
    Community = 3,

    /// <summary>Pemberdayaan Masyarakat.</summary>
    Empowerment = 4,

    /// <summary>Penanggulangan Bencana, Keadaan Darurat dan Mendesak.</summary>
    Disaster = 5,
}

/// <summary>Where a proposal stands on its way from the group to the village budget.</summary>
public enum ProposalStatus
{
    /// <summary>Diusulkan: the group has it ready.</summary>
    Proposed = 0,

    /// <summary>Dibahas: discussed at a planning event.</summary>
    Discussed = 1,

    /// <summary>Masuk RKP Nagari: in next year's village work plan.</summary>
    InWorkPlan = 2,

    /// <summary>Masuk DU-RKP: on the list for the year after, passed up to the kecamatan.</summary>
    InLongList = 3,

    /// <summary>Masuk APBNagari: in the village budget, with an amount.</summary>
    InBudget = 4,

    /// <summary>Terlaksana: done, with a photo.</summary>
    Done = 5,

    /// <summary>Ditolak, with the reason.</summary>
    Rejected = 6,

    /// <summary>Tidak dibahas, with the reason.</summary>
    NotDiscussed = 7,

    /// <summary>Ditarik: the group took it back.</summary>
    Withdrawn = 8,

    /// <summary>Digabung: joined into another group's proposal at a rembuk perempuan; that one carries it on.</summary>
    Joined = 9,
}

/// <summary>
/// A women's group proposal for the village plan. Groups of one village can carry it together
/// (each sees it as its own). Its status moves only forward along the planning path, through the
/// methods below, and every move is kept as a <see cref="ProposalChange"/>.
/// </summary>
public sealed class Proposal
{
    public const int MaxTitleLength = 120;
    public const int MaxLocationLength = 100;
    public const int MaxBeneficiariesLength = 120;
    public const int MaxReasonLength = 200;

    /// <summary>Rupiah: more than any village budget line (an APBNagari is a few miliar).</summary>
    public const long MaxCost = 10_000_000_000;

    private Proposal()
    {
    }

    public long Id { get; private set; }
    public long VillageId { get; private set; }
    public Village? Village { get; private set; }

    /// <summary>The planning year it was proposed in (the RKP it aims at is the year after).</summary>
    public int Year { get; private set; }

    public string Title { get; private set; } = "";
    public ProposalField Field { get; private set; }
    public string Location { get; private set; } = "";
    public long EstimatedCost { get; private set; }
    public string Beneficiaries { get; private set; } = "";
    public ProposalStatus Status { get; private set; }

    /// <summary>The event where it was last discussed, rejected or left out.</summary>
    public long? EventId { get; private set; }

    /// <summary>Rupiah in the APBNagari, once budgeted.</summary>
    public long? BudgetedAmount { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The channel's file reference of the photo of the finished work.</summary>
    public string? PhotoRef { get; private set; }

    /// <summary>Last year's proposal this one carries on, if any.</summary>
    public long? CarriedFromId { get; private set; }

    /// <summary>The proposal it was joined into, once <see cref="ProposalStatus.Joined"/>.</summary>
    public long? JoinedIntoId { get; private set; }

    public long CreatedByPersonId { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    public List<ProposalGroup> Groups { get; private set; } = [];
    public List<ProposalChange> Changes { get; private set; } = [];

    public static Proposal Create(long villageId, long groupId, int priority, int year, string title, ProposalField field, string location, long estimatedCost,
        string beneficiaries, long byPersonId, DateTime nowUtc)
    {
        if (estimatedCost is < 0 or > MaxCost)
        {
            throw new ArgumentOutOfRangeException(nameof(estimatedCost), estimatedCost, "not a plausible cost");
        }

        var p = New(villageId, year, title, field, location, estimatedCost, beneficiaries, byPersonId, nowUtc, "created");
        p.Groups.Add(new ProposalGroup { GroupId = groupId, Priority = priority });
        return p;
    }

    /// <summary>A proposal just proposed, with the change that says how it came to be.</summary>
    private static Proposal New(long villageId, int year, string title, ProposalField field, string location, long estimatedCost, string beneficiaries,
        long byPersonId, DateTime nowUtc, string detail)
    {
        var p = new Proposal
        {
            VillageId = villageId,
            Year = year,
            Title = title,
            Field = field,
            Location = location,
            EstimatedCost = estimatedCost,
            Beneficiaries = beneficiaries,
            Status = ProposalStatus.Proposed,
            CreatedByPersonId = byPersonId,
            CreatedUtc = nowUtc,
        };
        p.Changes.Add(new ProposalChange { ToStatus = ProposalStatus.Proposed, ByPersonId = byPersonId, AtUtc = nowUtc, Detail = detail });
        return p;
    }

    /// <summary>The statuses it may move to from where it is.</summary>
    public IReadOnlyList<ProposalStatus> Next => Status switch
    {
        ProposalStatus.Proposed => [ProposalStatus.Discussed, ProposalStatus.NotDiscussed, ProposalStatus.Rejected, ProposalStatus.Withdrawn],
        ProposalStatus.Discussed => [ProposalStatus.InWorkPlan, ProposalStatus.InLongList, ProposalStatus.Rejected],
        ProposalStatus.InWorkPlan or ProposalStatus.InLongList => [ProposalStatus.InBudget, ProposalStatus.Rejected],
        ProposalStatus.InBudget => [ProposalStatus.Done],
        _ => [],
    };

    /// <summary>Still open on its way: it can be changed by its group and carried to next year if it stalls.</summary>
    public bool IsOpen => Status is ProposalStatus.Proposed;

    /// <summary>Ended without reaching the budget: may be carried to next year's cycle.</summary>
    public bool CanCarry => Status is ProposalStatus.Rejected or ProposalStatus.NotDiscussed or ProposalStatus.Discussed or ProposalStatus.Proposed;

    /// <summary>Still in a group's list: neither taken back nor joined into another.</summary>
    public bool Counts => Status is not (ProposalStatus.Withdrawn or ProposalStatus.Joined);

    /// <summary>
    /// At a rembuk perempuan: <paramref name="other"/> (another group's proposal of the same village and
    /// year, not yet discussed) becomes part of this one. Its groups carry this one from now on, each
    /// keeping the priority it gave its own; the other ends as <see cref="ProposalStatus.Joined"/>.
    /// </summary>
    public void Absorb(Proposal other, long byPersonId, DateTime nowUtc)
    {
        if (!CanAbsorb(other))
        {
            throw new InvalidOperationException(
                $"Proposal {other.Id} ({other.Status}) cannot join {Id} ({Status}): only open proposals of one village and one year, brought by a group not carrying {Id} yet, are joined.");
        }

        foreach (var g in other.Groups.Where(g => Groups.All(x => x.GroupId != g.GroupId)))
        {
            Groups.Add(new ProposalGroup { GroupId = g.GroupId, Priority = g.Priority });
        }

        Changes.Add(new ProposalChange { FromStatus = Status, ToStatus = Status, ByPersonId = byPersonId, AtUtc = nowUtc, Detail = $"joined #{other.Id}" });
        other.Changes.Add(new ProposalChange { FromStatus = other.Status, ToStatus = ProposalStatus.Joined, ByPersonId = byPersonId, AtUtc = nowUtc, Detail = $"joined into #{Id}" });
        other.Status = ProposalStatus.Joined;
        other.JoinedIntoId = Id;
    }

    /// <summary>Could <paramref name="other"/> join this one: same village and year, both open, and it brings a group not carrying this one yet.</summary>
    public bool CanAbsorb(Proposal other) =>
        !ReferenceEquals(other, this) && (Id == 0 || other.Id != Id) && other.VillageId == VillageId && other.Year == Year && IsOpen && other.IsOpen
        && other.Groups.Any(g => Groups.All(x => x.GroupId != g.GroupId));

    /// <summary>One group of a joint proposal takes it back for itself; the others carry it on.</summary>
    public void Leave(long groupId, long byPersonId, DateTime nowUtc)
    {
        if (Groups.Count < 2 || Groups.All(g => g.GroupId != groupId))
        {
            throw new InvalidOperationException($"Proposal {Id}: group {groupId} is not one of several carrying it; withdraw it instead.");
        }

        if (!Next.Contains(ProposalStatus.Withdrawn))
        {
            throw new InvalidOperationException($"Proposal {Id} is {Status}; it can no longer be taken back.");
        }

        Groups.RemoveAll(g => g.GroupId == groupId);
        Changes.Add(new ProposalChange { FromStatus = Status, ToStatus = Status, ByPersonId = byPersonId, AtUtc = nowUtc, Detail = $"group {groupId} left" });
    }

    public void Discuss(long eventId, long byPersonId, DateTime nowUtc)
    {
        Move(ProposalStatus.Discussed, byPersonId, nowUtc);
        EventId = eventId;
    }

    public void PutInWorkPlan(long byPersonId, DateTime nowUtc) => Move(ProposalStatus.InWorkPlan, byPersonId, nowUtc);

    public void PutInLongList(long byPersonId, DateTime nowUtc) => Move(ProposalStatus.InLongList, byPersonId, nowUtc);

    public void Budget(long amount, long byPersonId, DateTime nowUtc)
    {
        if (amount is <= 0 or > MaxCost)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "not a plausible budget line");
        }

        Move(ProposalStatus.InBudget, byPersonId, nowUtc, amount: amount);
        BudgetedAmount = amount;
    }

    public void Complete(string photoRef, long byPersonId, DateTime nowUtc)
    {
        Move(ProposalStatus.Done, byPersonId, nowUtc, detail: "photo");
        PhotoRef = photoRef;
    }

    public void Reject(string reason, long? eventId, long byPersonId, DateTime nowUtc)
    {
        Move(ProposalStatus.Rejected, byPersonId, nowUtc, reason: reason);
        Reason = reason;
        EventId = eventId ?? EventId;
    }

    public void LeaveOut(string reason, long? eventId, long byPersonId, DateTime nowUtc)
    {
        Move(ProposalStatus.NotDiscussed, byPersonId, nowUtc, reason: reason);
        Reason = reason;
        EventId = eventId ?? EventId;
    }

    public void Withdraw(long byPersonId, DateTime nowUtc) => Move(ProposalStatus.Withdrawn, byPersonId, nowUtc);

    /// <summary>The same proposal again in next year's cycle, for the same groups; this one stays as it ended.</summary>
    public Proposal CarryToNextYear(long byPersonId, DateTime nowUtc)
    {
        if (!CanCarry)
        {
            throw new InvalidOperationException($"Proposal {Id} is {Status}: only one that has not reached the budget can be carried to next year.");
        }

        var next = New(VillageId, Year + 1, Title, Field, Location, EstimatedCost, Beneficiaries, byPersonId, nowUtc, $"carried from {Year}");
        next.CarriedFromId = Id;
        next.Groups.AddRange(Groups.Select(g => new ProposalGroup { GroupId = g.GroupId, Priority = g.Priority }));
        Changes.Add(new ProposalChange { FromStatus = Status, ToStatus = Status, ByPersonId = byPersonId, AtUtc = nowUtc, Detail = $"carried to {Year + 1}" });
        return next;
    }

    /// <summary>Edits by its group while it is still only proposed.</summary>
    public void Edit(long byPersonId, DateTime nowUtc, string? title = null, ProposalField? field = null, string? location = null, long? estimatedCost = null, string? beneficiaries = null)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Proposal {Id} is {Status}: only a proposal not yet discussed can be edited.");
        }

        if (estimatedCost is < 0 or > MaxCost)
        {
            throw new ArgumentOutOfRangeException(nameof(estimatedCost), estimatedCost, "not a plausible cost");
        }

        Title = title ?? Title;
        Field = field ?? Field;
        Location = location ?? Location;
        EstimatedCost = estimatedCost ?? EstimatedCost;
        Beneficiaries = beneficiaries ?? Beneficiaries;
        Changes.Add(new ProposalChange { FromStatus = Status, ToStatus = Status, ByPersonId = byPersonId, AtUtc = nowUtc, Detail = "edited" });
    }

    private void Move(ProposalStatus to, long byPersonId, DateTime nowUtc, long? amount = null, string? reason = null, string? detail = null)
    {
        if (!Next.Contains(to))
        {
            throw new InvalidOperationException($"Proposal {Id} is {Status}; it cannot become {to}.");
        }

        Changes.Add(new ProposalChange { FromStatus = Status, ToStatus = to, ByPersonId = byPersonId, AtUtc = nowUtc, Amount = amount, Reason = reason, Detail = detail });
        Status = to;
    }
}

/// <summary>A group carrying a proposal, with the proposal's priority within that group (1 first).</summary>
public sealed class ProposalGroup
{
    public long ProposalId { get; set; }
    public long GroupId { get; set; }
    public Group? Group { get; set; }
    public int Priority { get; set; }
}

/// <summary>One step in a proposal's history: who moved it, when, from what to what.</summary>
public sealed class ProposalChange
{
    public long Id { get; set; }
    public long ProposalId { get; set; }
    public DateTime AtUtc { get; set; }
    public long ByPersonId { get; set; }
    public ProposalStatus? FromStatus { get; set; }
    public ProposalStatus ToStatus { get; set; }
    public long? Amount { get; set; }
    public string? Reason { get; set; }
    public string? Detail { get; set; }
}
