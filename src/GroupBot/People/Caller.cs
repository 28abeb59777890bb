namespace GroupBot.People;

/// <summary>Who wrote a message and what they may do: loaded once per incoming message.</summary>
public sealed class Caller
{
    public Person? Person { get; init; }
    public ChatIdentity? Identity { get; init; }
    public bool IsAdmin { get; init; }

    /// <summary>Memberships in groups that are not deleted, with their groups loaded.</summary>
    public IReadOnlyList<Membership> Memberships { get; init; } = [];

    public IReadOnlyList<long> FacilitatorVillageIds { get; init; } = [];

    public bool IsFacilitator => FacilitatorVillageIds.Count > 0;
    public bool IsMember => Memberships.Count > 0;
    public bool IsOfficer => Memberships.Any(m => m.IsOfficer);

    /// <summary>Known and attached to something: a group, a village, or the admin list.</summary>
    public bool IsJoined => Person is not null && (IsMember || IsFacilitator || IsAdmin);

    public bool HasRole(IReadOnlyList<MemberRole> roles) => Memberships.Any(m => roles.Contains(m.Role));

    /// <summary>Admins oversee every village; facilitators their own.</summary>
    public bool Oversees(long villageId) => IsAdmin || FacilitatorVillageIds.Contains(villageId);

    /// <summary>May run leader commands for this group: its officers, its facilitator, admins.</summary>
    public bool CanLead(Group group) =>
        Oversees(group.VillageId) || Memberships.Any(m => m.GroupId == group.Id && m.IsOfficer);
}
