using GroupBot.People;

namespace GroupBot.Savings;

/// <summary>Who may write a group's savings report: its leader or treasurer, its facilitator, admins.</summary>
public static class ReportAudience
{
    public static readonly IReadOnlyList<MemberRole> Roles = [MemberRole.Leader, MemberRole.Treasurer];

    public static Audience ReportWriter { get; } = Audience.ForRoles(nameof(ReportWriter), Roles, "Refuse.ReportWriter");
}
