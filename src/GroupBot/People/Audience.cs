namespace GroupBot.People;

/// <summary>
/// Who may use a command: a rule over the caller and the refusal that says who can. Group-level
/// checks (which group) happen inside the command. The directory knows the general audiences;
/// a feature that needs its own ("who may write minutes") makes one with <see cref="ForRoles"/>.
/// </summary>
public sealed class Audience
{
    private readonly Func<Caller, bool> _allows;
    private readonly string _refusalKey;

    private Audience(string name, Func<Caller, bool> allows, string refusalKey)
    {
        Name = name;
        _allows = allows;
        _refusalKey = refusalKey;
    }

    public string Name { get; }

    /// <summary>Anyone, including people who have not joined yet.</summary>
    public static Audience Anyone { get; } = new(nameof(Anyone), _ => true, "Refuse.Admin");

    /// <summary>Members of a group (any role).</summary>
    public static Audience Member { get; } = new(nameof(Member), c => c.IsMember, "Refuse.Member");

    /// <summary>Anyone who has joined: members, facilitators, admins.</summary>
    public static Audience Joined { get; } = new(nameof(Joined), c => c.IsJoined, "Refuse.NotJoined");

    /// <summary>Group officers (leader, treasurer, secretary), facilitators and admins.</summary>
    public static Audience Officer { get; } = new(nameof(Officer), c => c.IsOfficer || c.IsFacilitator || c.IsAdmin, "Refuse.Officer");

    /// <summary>Facilitators and admins.</summary>
    public static Audience Facilitator { get; } = new(nameof(Facilitator), c => c.IsFacilitator || c.IsAdmin, "Refuse.Facilitator");

    public static Audience Admin { get; } = new(nameof(Admin), c => c.IsAdmin, "Refuse.Admin");

    /// <summary>Group members holding one of <paramref name="roles"/>, the group's facilitator, and admins.</summary>
    public static Audience ForRoles(string name, IReadOnlyList<MemberRole> roles, string refusalKey) =>
        new(name, c => c.HasRole(roles) || c.IsFacilitator || c.IsAdmin, refusalKey);

    public bool Allows(Caller caller) => _allows(caller);

    /// <summary>The refusal that says who can use it; someone not joined yet is told to join first.</summary>
    public string RefusalKey(Caller caller) =>
        caller.Person is null && (this == Member || this == Joined) ? "Refuse.NotJoined" : _refusalKey;

    public override string ToString() => Name;
}

/// <summary>The group roles that count as officers.</summary>
public static class Roles
{
    public static readonly IReadOnlyList<MemberRole> Officers = [MemberRole.Leader, MemberRole.Treasurer, MemberRole.Secretary];
}
