namespace GroupBot.Chat;

/// <summary>Who may use a command. Group-level checks (which group) happen inside the command.</summary>
public enum Audience
{
    /// <summary>Anyone, including people who have not joined yet.</summary>
    Anyone,

    /// <summary>Members of a group (any role).</summary>
    Member,

    /// <summary>Anyone who has joined: members, facilitators, admins.</summary>
    Joined,

    /// <summary>Group officers (leader, treasurer, secretary), facilitators and admins.</summary>
    Officer,

    /// <summary>A group's leader or treasurer (savings reports), its facilitator, admins.</summary>
    ReportWriter,

    /// <summary>A group's leader or secretary (meeting minutes), its facilitator, admins.</summary>
    MinutesWriter,

    /// <summary>Facilitators and admins.</summary>
    Facilitator,

    Admin,
}

/// <summary>
/// A command as people type it. <paramref name="Words"/> are every spelling that runs it
/// (Indonesian first, then English); a word may be two words ("kelompok baru").
/// <paramref name="MenuKey"/> is the help-menu line, or null to leave it out of the menu.
/// </summary>
public sealed record CommandInfo(string Name, IReadOnlyList<string> Words, Audience Audience, string? MenuKey)
{
    /// <summary>
    /// Works in a group chat too. Most commands are private-chat only: in a group the bot sees only
    /// commands (Telegram privacy mode), so a multi-step conversation cannot happen there.
    /// </summary>
    public bool InGroupChat { get; init; }
}

public interface ICommand
{
    CommandInfo Info { get; }

    /// <summary>Runs the command. <paramref name="args"/> is the text after the command words.</summary>
    Task RunAsync(Turn turn, string args, CancellationToken ct);
}

public static class AudienceRules
{
    public static bool Allows(this Audience audience, Caller caller) => audience switch
    {
        Audience.Anyone => true,
        Audience.Member => caller.IsMember,
        Audience.Joined => caller.IsJoined,
        Audience.Officer => caller.IsOfficer || caller.IsFacilitator || caller.IsAdmin,
        Audience.ReportWriter => caller.HasRole(Roles.ReportWriters) || caller.IsFacilitator || caller.IsAdmin,
        Audience.MinutesWriter => caller.HasRole(Roles.MinutesWriters) || caller.IsFacilitator || caller.IsAdmin,
        Audience.Facilitator => caller.IsFacilitator || caller.IsAdmin,
        Audience.Admin => caller.IsAdmin,
        _ => false,
    };

    /// <summary>The refusal that says who can use it.</summary>
    public static string RefusalKey(this Audience audience, Caller caller) => audience switch
    {
        Audience.Member or Audience.Joined when caller.Person is null => "Refuse.NotJoined",
        Audience.Joined => "Refuse.NotJoined",
        Audience.Member => "Refuse.Member",
        Audience.Officer => "Refuse.Officer",
        Audience.ReportWriter => "Refuse.ReportWriter",
        Audience.MinutesWriter => "Refuse.MinutesWriter",
        Audience.Facilitator => "Refuse.Facilitator",
        _ => "Refuse.Admin",
    };
}

/// <summary>Which group roles may write what.</summary>
public static class Roles
{
    public static readonly IReadOnlyList<Groups.MemberRole> Officers = [Groups.MemberRole.Leader, Groups.MemberRole.Treasurer, Groups.MemberRole.Secretary];
    public static readonly IReadOnlyList<Groups.MemberRole> ReportWriters = [Groups.MemberRole.Leader, Groups.MemberRole.Treasurer];
    public static readonly IReadOnlyList<Groups.MemberRole> MinutesWriters = [Groups.MemberRole.Leader, Groups.MemberRole.Secretary];
}
